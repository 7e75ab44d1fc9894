package org.llmfromscratch.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.optim.AdamW;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SlidingWindowDataset;
import org.llmfromscratch.data.TextSplit;
import org.llmfromscratch.examples.train.LossChart;
import org.llmfromscratch.models.gpt.GPTModel;
import org.llmfromscratch.train.LearningRateSchedule;
import org.llmfromscratch.train.LossCalculator;
import org.llmfromscratch.train.Trainer;
import org.llmfromscratch.train.TrainingCheckpoint;
import org.llmfromscratch.train.TrainingConfig;
import org.llmfromscratch.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm train}: the book's chapter 5 pretraining run (preset {@code book-ch05}: GPT-2 124M with context
 * 256, batch 2, stride = context, 90/10 split, AdamW 0.0004 / 0.1, 10 epochs, evaluation every 5 steps on
 * 5 batches, seed 123), with flags overriding single values. The book's log lines and the epoch samples go
 * to standard output; a progress line with tokens/s and the loss to standard error. Ctrl-C saves a
 * checkpoint and stops; {@code --resume} continues from it.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Pretrain the book's GPT on a text (chapter 5), printing the book's loss lines and samples.")
final class TrainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    TextOption textOption;

    @Option(names = "--preset", defaultValue = "book-ch05", description = "book-ch05 (the default; the only preset)")
    String preset;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training text (book-ch05: 10)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "windows per step (book-ch05: 2)")
    Integer batchSize;

    @Option(
            names = "--context-length",
            paramLabel = "L",
            description = "tokens per window and context (book-ch05: 256)")
    Integer contextLength;

    @Option(names = "--emb-dim", paramLabel = "D", description = "embedding width (book-ch05: 768)")
    Integer embDim;

    @Option(names = "--layers", paramLabel = "N", description = "transformer blocks (book-ch05: 12)")
    Integer layers;

    @Option(names = "--heads", paramLabel = "H", description = "attention heads (book-ch05: 12)")
    Integer heads;

    @Option(names = "--drop-rate", paramLabel = "P", description = "dropout (book-ch05: 0.1)")
    Double dropRate;

    @Option(names = "--qkv-bias", description = "a bias in the query/key/value projections (book-ch05: off)")
    boolean qkvBias;

    @Option(names = "--lr", paramLabel = "X", description = "AdamW learning rate (book-ch05: 0.0004)")
    Double lr;

    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW weight decay (book-ch05: 0.1)")
    Double weightDecay;

    @Option(names = "--eval-every", paramLabel = "N", description = "evaluate every N steps (book-ch05: 5)")
    Integer evalEvery;

    @Option(names = "--eval-iter", paramLabel = "N", description = "batches per evaluation (book-ch05: 5)")
    Integer evalIter;

    @Option(
            names = "--warmup-steps",
            paramLabel = "N",
            defaultValue = "0",
            description = "linear warm-up steps from lr/100 (appendix D; default: none)")
    int warmupSteps;

    @Option(names = "--cosine", description = "cosine decay to lr/10 after the warm-up (appendix D)")
    boolean cosine;

    @Option(
            names = "--grad-clip",
            paramLabel = "X",
            defaultValue = "0",
            description = "clip the global gradient norm to X after the warm-up (appendix D uses 1.0; default: off)")
    double gradClip;

    @Option(names = "--seed", paramLabel = "N", description = "torch.manual_seed (book-ch05: 123)")
    Long seed;

    @Option(
            names = "--initial-losses",
            description = "first print the untrained model's losses over all batches, as section 5.1")
    boolean initialLosses;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            defaultValue = "checkpoints",
            description =
                    "where checkpoint.safetensors is written at the end and on Ctrl-C (default: ${DEFAULT-VALUE})")
    Path checkpointDir;

    @Option(names = "--resume", description = "continue from DIR/checkpoint.safetensors")
    boolean resume;

    @Option(names = "--plots", paramLabel = "DIR", description = "write the loss plot (train-loss.png) into DIR")
    Path plots;

    @Override
    public void run() {
        if (!"book-ch05".equals(preset)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "unknown --preset '" + preset + "'; the preset is book-ch05");
        }
        // Every flag is checked before any work (text, model), so a usage error is always exit code 2.
        for (Object[] f : new Object[][] {
            {"--epochs", epochs},
            {"--batch-size", batchSize},
            {"--context-length", contextLength},
            {"--emb-dim", embDim},
            {"--layers", layers},
            {"--heads", heads},
            {"--eval-every", evalEvery},
            {"--eval-iter", evalIter}
        }) {
            positive((String) f[0], (Integer) f[1], 1);
        }
        if (dropRate != null && !(dropRate >= 0 && dropRate < 1)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--drop-rate must be in [0, 1), got " + dropRate);
        }
        if ((lr != null && !(lr >= 0))
                || (weightDecay != null && !(weightDecay >= 0))
                || warmupSteps < 0
                || !(gradClip >= 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--lr, --weight-decay, --warmup-steps and --grad-clip" + " must be >= 0, got " + lr + ", "
                            + weightDecay + ", " + warmupSteps + ", " + gradClip);
        }
        PlotsDirectory.prepare(spec, plots);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Backend backend = backendOption.backend();
        Path checkpoint = checkpointDir.resolve("checkpoint.safetensors");
        TrainingCheckpoint.Loaded resumed = resume ? loadCheckpoint(checkpoint, backend) : null;
        GPTConfig cfg = resumed != null ? checkFlagsAgainst(resumed.config()) : config();
        int b = positive("--batch-size", batchSize, 2);
        int ctx = cfg.contextLength();
        TextSource text = textOption.load();
        TextSplit split = TextSplit.of(text.text(), 0.9);
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.instance();
        int[] trainIds = tokenizer.encode(split.train(), Set.of(Gpt2Tokenizer.END_OF_TEXT));
        int[] valIds = tokenizer.encode(split.validation(), Set.of(Gpt2Tokenizer.END_OF_TEXT));
        long needTrain = (long) (b - 1) * ctx + ctx + 1;
        if (trainIds.length < needTrain || valIds.length < ctx + 1) {
            throw new IllegalArgumentException(text.name()
                    + " is too short for one training batch: its 90% training part has "
                    + trainIds.length + " tokens and needs at least " + needTrain + " (batch " + b + " x context " + ctx
                    + " + 1), and its 10% validation part has " + valIds.length + " tokens and needs at least "
                    + (ctx + 1)
                    + "; use a longer text or a smaller --context-length / --batch-size");
        }
        Generator generator = new Generator(seed == null ? 123 : seed);
        GPTModel model = resumed != null ? resumed.model(backend) : new GPTModel(backend, cfg, generator);
        DataLoader train = DataLoader.builder(new SlidingWindowDataset(trainIds, ctx, ctx))
                .batchSize(b)
                .shuffle(generator)
                .dropLast(true)
                .backend(backend)
                .build();
        DataLoader val = DataLoader.builder(new SlidingWindowDataset(valIds, ctx, ctx))
                .batchSize(b)
                .generator(generator)
                .dropLast(false)
                .backend(backend)
                .build();
        double rate = lr == null ? 0.0004 : lr;
        LearningRateSchedule schedule = warmupSteps == 0 && !cosine
                ? LearningRateSchedule.constant(rate)
                : new LearningRateSchedule(
                        rate / 100,
                        rate,
                        rate / 10,
                        warmupSteps,
                        train.numBatches() * positive("--epochs", epochs, 10),
                        cosine);
        TrainingConfig tc = new TrainingConfig(
                positive("--epochs", epochs, 10),
                positive("--eval-every", evalEvery, 5),
                positive("--eval-iter", evalIter, 5),
                schedule,
                gradClip,
                "Every effort moves you",
                50);
        out.printf(
                Locale.ROOT,
                "Text: %s: %,d training tokens (%d batches of %d x %d), %,d validation tokens%n",
                text.name(),
                trainIds.length,
                train.numBatches(),
                b,
                ctx,
                valIds.length);
        out.printf(
                Locale.ROOT,
                "Model: %,d parameters (emb %d, %d layers, %d heads, context %d), backend %s%n",
                model.parameterCount(),
                cfg.embeddingDim(),
                cfg.numLayers(),
                cfg.numHeads(),
                ctx,
                backend.name());
        out.flush();
        try (AdamW optimizer = new AdamW(model.namedParameters(), rate, weightDecay == null ? 0.1 : weightDecay)) {
            Trainer trainer = new Trainer(model, optimizer, train, val, generator, tc, tokenizer);
            if (resumed != null) {
                optimizer.loadStateDict(resumed.optimizerState());
                generator.setState(resumed.generatorState());
                trainer.resumeFrom(resumed.state());
                out.printf(
                        Locale.ROOT,
                        "Resumed at step %d (epoch %d) from %s%n",
                        resumed.state().step() + 1,
                        resumed.state().epoch() + 1,
                        checkpoint);
                resumed.close();
            } else if (initialLosses) {
                byte[] saved = generator.getState(); // the evaluation's loader draws must not shift the run
                model.eval();
                out.printf(
                        Locale.ROOT,
                        "Training loss: %.5f%nValidation loss: %.5f%n",
                        LossCalculator.loaderLoss(model, train, 0),
                        LossCalculator.loaderLoss(model, val, 0));
                model.train();
                generator.setState(saved);
            }
            runTraining(out, err, trainer, model, optimizer, checkpoint, train.numBatches() * (long) b * ctx);
        } finally {
            model.close();
        }
    }

    private void runTraining(
            PrintWriter out,
            PrintWriter err,
            Trainer trainer,
            GPTModel model,
            AdamW optimizer,
            Path checkpoint,
            long tokensPerEpoch) {
        List<double[]> trainCurve = new ArrayList<>();
        List<double[]> valCurve = new ArrayList<>();
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    trainer.requestStop();
                    try {
                        saved.await(10, TimeUnit.MINUTES); // let the run save its checkpoint before the JVM exits
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "llm-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long start = System.nanoTime();
        boolean finished;
        try {
            finished = trainer.train(new TrainingListener() {
                @Override
                public void onStep(int epoch, int step, double loss, long tokensSeen, double lr) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    err.printf(
                            Locale.ROOT,
                            "\rstep %d  epoch %d  loss %.3f  %,.0f tokens/s   ",
                            step,
                            epoch,
                            loss,
                            tokensSeen / Math.max(seconds, 1e-9));
                    err.flush();
                }

                @Override
                public void onEvaluation(Evaluation e) {
                    err.print("\r");
                    out.println(e.line());
                    out.flush();
                    double epochs = (double) e.tokensSeen() / tokensPerEpoch;
                    trainCurve.add(new double[] {epochs, e.trainLoss()});
                    valCurve.add(new double[] {epochs, e.valLoss()});
                }

                @Override
                public void onEpochEnd(int epoch, String sample) {
                    err.print("\r");
                    out.println(sample);
                    out.flush();
                }
            });
            err.println();
            TrainingCheckpoint.save(checkpoint, model, optimizer, trainer.state(), trainer.generator());
            out.printf(
                    Locale.ROOT,
                    "%s after %.1f s; checkpoint: %s%n",
                    finished ? "Finished" : "Stopped",
                    (System.nanoTime() - start) / 1e9,
                    checkpoint);
            if (plots != null) {
                Path png = plots.resolve("train-loss.png");
                new LossChart("Training and validation loss", "epochs")
                        .add("training loss", trainCurve)
                        .add("validation loss", valCurve)
                        .topAxis("tokens seen", tokensPerEpoch)
                        .write(png.toFile(), 900, 500);
                out.println("Wrote " + png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + checkpoint + ": " + e.getMessage(), e);
        } finally {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook is running and has now been released
            }
        }
    }

    private TrainingCheckpoint.Loaded loadCheckpoint(Path file, Backend backend) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--resume: there is no checkpoint at " + file
                    + " (train without --resume first," + " or name the directory with --checkpoint-dir)");
        }
        try {
            return TrainingCheckpoint.load(file, backend);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The preset with the flags' overrides. */
    private GPTConfig config() {
        GPTConfig base = GPTConfig.GPT2_124M.withContextLength(256);
        return new GPTConfig(
                base.vocabSize(),
                positive("--context-length", contextLength, 256),
                positive("--emb-dim", embDim, 768),
                positive("--heads", heads, 12),
                positive("--layers", layers, 12),
                dropRate == null ? 0.1 : dropRate,
                qkvBias);
    }

    /** A resumed run takes the checkpoint's model; a flag that asks for another one is an error. */
    private GPTConfig checkFlagsAgainst(GPTConfig saved) {
        check("--context-length", contextLength, saved.contextLength());
        check("--emb-dim", embDim, saved.embeddingDim());
        check("--heads", heads, saved.numHeads());
        check("--layers", layers, saved.numLayers());
        return saved;
    }

    private void check(String flag, Integer given, int saved) {
        if (given != null && given != saved) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    flag + " " + given + " differs from the checkpoint's model (" + saved
                            + "); a resumed run keeps its model");
        }
    }

    private int positive(String flag, Integer value, int preset) {
        int v = value == null ? preset : value;
        if (v < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), flag + " must be at least 1, got " + v);
        }
        return v;
    }
}
