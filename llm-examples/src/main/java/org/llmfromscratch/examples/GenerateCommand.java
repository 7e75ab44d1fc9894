package org.llmfromscratch.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.io.SafeTensors;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.models.checkpoint.Gpt2Checkpoint;
import org.llmfromscratch.models.generate.GenerationConfig;
import org.llmfromscratch.models.generate.TextGenerator;
import org.llmfromscratch.models.gpt.GPTModel;
import org.llmfromscratch.train.TrainingCheckpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm generate}: text from a GPT, as the book's {@code generate}. Standard output carries only the
 * text: the prompt, then each new token's text as soon as it is made; everything else goes to standard error.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description =
                "Generate text with the book's GPT: untrained (chapter 4), trained by 'llm train', or GPT-2's weights.")
final class GenerateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    SeedOption seedOption;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the start of the text")
    String prompt;

    @Option(
            names = "--checkpoint",
            paramLabel = "FILE",
            description = "a GPT-2 model.safetensors (Hugging Face layout) or a checkpoint of 'llm train' "
                    + "(default: the untrained GPT-2 124M after torch.manual_seed(--seed), as chapter 4)")
    Path checkpoint;

    @Option(
            names = "--max-new-tokens",
            paramLabel = "N",
            defaultValue = "25",
            description = "tokens to add (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            defaultValue = "0",
            description = "0 (the default) is greedy; above 0 samples from softmax(logits / T)")
    double temperature;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "0",
            description = "sample among the K most likely tokens (default: all)")
    int topK;

    @Option(
            names = "--top-p",
            paramLabel = "P",
            defaultValue = "1",
            description = "nucleus sampling threshold (default: 1, off)")
    double topP;

    @Option(
            names = "--truncate",
            description = "keep the last context-length tokens of a longer prompt (default: refuse it)")
    boolean truncate;

    @Option(
            names = "--no-cache",
            description = "recompute every position for every token instead of using the key-value"
                    + " cache (the text is the same; only slower)")
    boolean noCache;

    @Override
    public void run() {
        if (maxNewTokens < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--max-new-tokens must be >= 0, got " + maxNewTokens);
        }
        if (!(temperature >= 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--temperature must be >= 0 (0 is greedy), got " + temperature);
        }
        if (topK < 0 || topK > 50257) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--top-k must be in 1..50257 (0: off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top-p must be in (0, 1], got " + topP);
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        Backend backend = backendOption.backend();
        Generator generator = new Generator(seedOption.seed);
        long t0 = System.nanoTime();
        GPTModel model = checkpoint == null ? untrained(backend, generator, err) : load(checkpoint, backend);
        try {
            err.printf(
                    Locale.ROOT,
                    "Model ready in %.1f s (%,d parameters, backend %s)%n",
                    (System.nanoTime() - t0) / 1e9,
                    model.parameterCount(),
                    backend.name());
            err.flush();
            Gpt2Tokenizer tokenizer = Gpt2Tokenizer.instance();
            int[] ids = tokenizer.encode(prompt, Set.of(Gpt2Tokenizer.END_OF_TEXT));
            int context = model.config().contextLength();
            if (ids.length > context) {
                if (!truncate) {
                    throw new IllegalArgumentException(
                            "the prompt has " + ids.length + " tokens, more than the model's context of " + context
                                    + "; shorten it or pass --truncate to keep its last " + context + " tokens");
                }
                ids = TextGenerator.lastTokens(ids, context);
            }
            GenerationConfig cfg = GenerationConfig.greedy(maxNewTokens)
                    .withTemperature(temperature)
                    .withTopK(topK)
                    .withTopP(topP)
                    .withEosId(Gpt2Tokenizer.END_OF_TEXT_ID)
                    .withCache(!noCache);
            java.io.PrintWriter out = spec.commandLine().getOut();
            String promptText = tokenizer.decode(ids);
            out.print(promptText);
            out.flush();
            List<Integer> all = new ArrayList<>();
            for (int id : ids) {
                all.add(id);
            }
            int[] printed = {promptText.length()};
            long g0 = System.nanoTime();
            int[] result = new TextGenerator(model).generate(ids, cfg, generator, id -> {
                all.add(id);
                // Decode all so far and print the new tail: a character may span two tokens.
                String text = tokenizer.decode(
                        all.stream().mapToInt(Integer::intValue).toArray());
                if (!text.endsWith("\uFFFD") && text.length() >= printed[0]) {
                    out.print(text.substring(printed[0]));
                    out.flush();
                    printed[0] = text.length();
                }
            });
            String full = tokenizer.decode(result);
            if (full.length() > printed[0]) {
                out.print(full.substring(printed[0]));
            }
            out.println();
            out.flush();
            int made = result.length - ids.length;
            err.printf(
                    Locale.ROOT,
                    "%d tokens in %.2f s (%.1f ms per token)%n",
                    made,
                    (System.nanoTime() - g0) / 1e9,
                    made == 0 ? 0 : (System.nanoTime() - g0) / 1e6 / made);
            err.flush();
        } finally {
            model.close();
        }
    }

    private static GPTModel untrained(Backend backend, Generator generator, java.io.PrintWriter err) {
        err.println("Building the untrained GPT-2 124M (torch.manual_seed; 163 M weights to draw) ...");
        err.flush();
        return new GPTModel(backend, GPTConfig.GPT2_124M, generator);
    }

    private static GPTModel load(Path file, Backend backend) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--checkpoint " + file + ": no such file");
            }
            Map<String, String> meta = SafeTensors.readMetadata(file);
            if (TrainingCheckpoint.FORMAT.equals(meta.get("format"))) {
                try (TrainingCheckpoint.Loaded loaded = TrainingCheckpoint.load(file, backend)) {
                    return loaded.model(backend);
                }
            }
            return Gpt2Checkpoint.load(file, backend);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
