package org.llmfromscratch.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar llm.jar}: the "Building LLMs From Scratch" embedding chapter as commands a learner
 * runs. Bad arguments print the usage and exit with 2; a failure the user can fix (an offline URL, an
 * unreadable file, an unavailable backend) prints one line and exits with 1; never a stack trace
 * (unless {@code LLM_DEBUG=1}).
 */
@Command(
        name = "llm",
        mixinStandardHelpOptions = true,
        version = "llm 0.1.0",
        description = "Re-enacts the GPT embedding layer of \"Building LLMs From Scratch\" in Java.",
        subcommands = {
            WalkthroughCommand.class,
            TokenizeCommand.class,
            BatchesCommand.class,
            BackendsCommand.class,
            LearnEmbeddingsCommand.class,
            TrainCommand.class,
            GenerateCommand.class,
            AttentionCommand.class,
            GptCommand.class,
            DataCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LlmCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. 'walkthrough'");
    }

    public static void main(String[] args) {
        FastPathHint.print(FastPathHint.vectorModulePresent(), System.err);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool with the given streams and returns the exit code (0 ok, 1 failure, 2 bad arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new LlmCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandLine.ParameterException) {
                throw (CommandLine.ParameterException) e;
            }
            if (System.getenv("LLM_DEBUG") != null) {
                e.printStackTrace(err);
            }
            commandLine.getErr().println("error: " + Errors.describe(e));
            return 1;
        });
        return cli.execute(args);
    }
}
