package org.llmfromscratch.examples;

import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.optim.AdamW;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SlidingWindowDataset;
import org.llmfromscratch.examples.train.LossChart;
import org.llmfromscratch.examples.train.NextTokenModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm learn-embeddings}: the embeddings learn. The tutorial's input embeddings feed a linear layer
 * to the vocabulary, trained with AdamW on next-token cross-entropy; the loss falls from about 11 and the
 * learned vectors of frequent tokens get meaningful neighbours.
 */
@Command(
        name = "learn-embeddings",
        mixinStandardHelpOptions = true,
        description =
                "Train token and positional embeddings (+ a linear layer) to predict the next token, and show the loss fall.")
final class LearnEmbeddingsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    SeedOption seedOption;

    @Mixin
    TextOption textOption;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "200",
            description = "optimizer steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(
            names = "--emb-dim",
            paramLabel = "D",
            defaultValue = "32",
            description = "embedding width (default: ${DEFAULT-VALUE})")
    int embDim;

    @Option(
            names = "--context-length",
            paramLabel = "L",
            defaultValue = "16",
            description = "tokens per training window (default: ${DEFAULT-VALUE})")
    int contextLength;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            defaultValue = "8",
            description = "windows per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--lr",
            paramLabel = "X",
            defaultValue = "0.01",
            description = "AdamW learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(
            names = "--plots",
            paramLabel = "DIR",
            description = "write the loss curve as learn-embeddings-loss.png into DIR")
    java.nio.file.Path plots;

    @Override
    public void run() {
        for (Object[] check : new Object[][] {
            {"--steps", steps}, {"--emb-dim", embDim}, {"--context-length", contextLength}, {"--batch-size", batchSize}
        }) {
            if ((int) check[1] < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), check[0] + " must be at least 1, got " + check[1]);
            }
        }
        if (!(lr > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lr must be > 0, got " + lr);
        }
        PlotsDirectory.prepare(spec, plots);
        Backend backend = backendOption.backend();
        PrintWriter out = spec.commandLine().getOut();
        TextSource text = textOption.load();
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.instance();
        int[] ids = tokenizer.encode(text.text(), Set.of(Gpt2Tokenizer.END_OF_TEXT));
        SlidingWindowDataset windows = new SlidingWindowDataset(ids, contextLength, contextLength);
        DataLoader loader = DataLoader.builder(windows)
                .batchSize(batchSize)
                .shuffle(seedOption.seed)
                .backend(backend)
                .build();
        GPTConfig config = GPTConfig.GPT2_124M.withContextLength(contextLength).withEmbeddingDim(embDim);
        out.printf(
                Locale.ROOT,
                "Text: %s (%,d tokens, %,d windows of %d, %,d batches of %d per epoch)%n",
                text.name(),
                ids.length,
                windows.size(),
                contextLength,
                loader.numBatches(),
                batchSize);
        List<double[]> curve = new ArrayList<>();
        try (NextTokenModel model = new NextTokenModel(backend, config, new Generator(seedOption.seed));
                AdamW optimizer = new AdamW(model.namedParameters(), lr, 0.01)) {
            out.printf(
                    Locale.ROOT,
                    "Model: GPTEmbedding(%d, %d) + Linear(%d, %d), %,d parameters, AdamW lr %s, backend %s%n",
                    config.vocabSize(),
                    embDim,
                    embDim,
                    config.vocabSize(),
                    model.parameterCount(),
                    lr,
                    backend.name());
            int every = Math.max(1, steps / 20);
            Iterator<Batch> batches = loader.iterator();
            for (int step = 1; step <= steps; step++) {
                if (!batches.hasNext()) {
                    batches = loader.iterator();
                }
                try (Batch batch = batches.next();
                        TensorScope scope = TensorScope.open()) {
                    optimizer.zeroGrad();
                    Tensor logits = model.forward(batch.input());
                    Tensor loss = Functional.crossEntropy(
                            logits.reshape(-1, config.vocabSize()),
                            batch.target().reshape(-1));
                    loss.backward();
                    optimizer.step();
                    double value = loss.item();
                    curve.add(new double[] {step, value});
                    if (step == 1 || step == steps || step % every == 0) {
                        out.println(String.format(Locale.ROOT, "step %d loss %.4f", step, value));
                    }
                }
            }
            neighbours(out, model, ids, tokenizer);
        }
        if (plots != null) {
            File png = plots.resolve("learn-embeddings-loss.png").toFile();
            try {
                new LossChart("Next-token loss while the embeddings learn", "step")
                        .add("training loss", curve)
                        .write(png, 800, 500);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
            }
            out.println("Wrote " + png);
        }
    }

    /** The nearest tokens (cosine) to the four most frequent words of the text, among the tokens it contains. */
    private static void neighbours(PrintWriter out, NextTokenModel model, int[] ids, Gpt2Tokenizer tokenizer) {
        int[] counts = new int[model.embedding().tokenEmbedding().numEmbeddings()];
        for (int id : ids) {
            counts[id]++;
        }
        int[] present =
                IntStream.range(0, counts.length).filter(i -> counts[i] > 0).toArray();
        int[] frequentWords = IntStream.of(present)
                .boxed()
                .filter(i -> tokenizer.decode(new int[] {i}).trim().length() >= 3)
                .sorted(Comparator.comparingInt((Integer i) -> -counts[i]))
                .limit(4)
                .mapToInt(Integer::intValue)
                .toArray();
        try (NoGrad off = NoGrad.enter();
                TensorScope scope = TensorScope.open()) {
            Tensor table = model.embedding().tokenEmbedding().weight().value();
            Tensor rows = table.gatherRows(table.backend().tensor(present));
            Tensor unit = rows.div(rows.pow(2).sum(1, true).sqrt());
            float[] u = unit.toFloatArray();
            int dim = table.size(1);
            out.println();
            out.println("Nearest neighbours (cosine) of frequent tokens' learned embeddings, among the text's tokens:");
            for (int w : frequentWords) {
                int wi = java.util.Arrays.binarySearch(present, w);
                Integer[] order = IntStream.range(0, present.length).boxed().toArray(Integer[]::new);
                double[] cos = new double[present.length];
                for (int j = 0; j < present.length; j++) {
                    double s = 0;
                    for (int c = 0; c < dim; c++) {
                        s += u[wi * dim + c] * u[j * dim + c];
                    }
                    cos[j] = s;
                }
                java.util.Arrays.sort(order, Comparator.comparingDouble(j -> -cos[j]));
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-12s ->", quote(tokenizer, w)));
                for (int k = 0, shown = 0; k < order.length && shown < 5; k++) {
                    if (order[k] != wi) {
                        line.append(String.format(
                                Locale.ROOT, " %s %.2f", quote(tokenizer, present[order[k]]), cos[order[k]]));
                        shown++;
                    }
                }
                out.println(line);
            }
        }
    }

    private static String quote(Gpt2Tokenizer tokenizer, int id) {
        return "'" + tokenizer.decode(new int[] {id}).replace("\n", "\\n") + "'";
    }
}
