package org.llmfromscratch.examples.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Not a test: writes sample pictures for a human to look at, shaped like the tutorial's
 * (positional embeddings 4 x 256, one batch's input embeddings 32 x 256, 32 token embeddings).
 * Run: {@code java -cp llm-examples/target/classes:llm-examples/target/test-classes
 * org.llmfromscratch.examples.plot.SamplePlots /tmp/plots}
 */
public final class SamplePlots {

    private SamplePlots() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/sample-plots");
        Random random = new Random(123);
        float[][] positions = normal(random, 4, 256);
        Heatmap.write(
                dir.resolve("positional.png"),
                positions,
                "Positional embeddings: 4 positions x 256 dimensions (random at initialization)",
                "embedding dimension",
                "position",
                null);

        String[] words = ("I HAD always thought Jack Gisburn rather a cheap genius--though a good fellow"
                        + " enough--so it was no great surprise to me to hear that , in the height of his glory")
                .split(" ");
        String[] rowLabels = new String[32];
        String[] tokens = new String[32];
        float[][] vocab = normal(random, words.length, 256);
        float[][] tokenEmbeddings = new float[32][];
        float[][] input = new float[32][256];
        for (int i = 0; i < 32; i++) {
            int w = i % words.length;
            tokens[i] = words[w];
            tokenEmbeddings[i] = vocab[w];
            rowLabels[i] = String.format("b%d t%d '%s'", i / 4, i % 4, words[w]);
            for (int j = 0; j < 256; j++) {
                input[i][j] = vocab[w][j] + positions[i % 4][j];
            }
        }
        tokens[5] = tokens[1];
        tokenEmbeddings[5] = tokenEmbeddings[1];
        tokens[9] = tokens[1];
        tokenEmbeddings[9] = tokenEmbeddings[1];
        Heatmap.write(
                dir.resolve("input-embeddings.png"),
                input,
                "Input embeddings of batch 0 (token + position): 8 x 4 tokens x 256 dimensions",
                "embedding dimension",
                "batch b, token t",
                rowLabels);
        PcaScatter.write(
                dir.resolve("token-pca.png"),
                tokenEmbeddings,
                tokens,
                "Token embeddings of batch 0, projected to 2-D (PCA)");

        float[][] line = new float[20][256];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 256; j++) {
                line[i][j] = (float) (i * Math.sin(j) + 0.01 * random.nextGaussian());
            }
        }
        String[] numbers = new String[20];
        for (int i = 0; i < 20; i++) {
            numbers[i] = "p" + i;
        }
        PcaScatter.write(dir.resolve("line-pca.png"), line, numbers, "Points near a line: PC1 explains almost all");
        Heatmap.write(
                dir.resolve("small.png"),
                new float[][] {{0.5f, -1f, 2f}, {0f, 0.1f, -0.2f}},
                "A 2 x 3 matrix",
                "column",
                "row",
                new String[] {"first", "second"});
    }

    private static float[][] normal(Random random, int rows, int columns) {
        float[][] values = new float[rows][columns];
        for (float[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return values;
    }
}
