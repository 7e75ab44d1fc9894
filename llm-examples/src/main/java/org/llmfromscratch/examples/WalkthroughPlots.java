package org.llmfromscratch.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.examples.plot.Heatmap;
import org.llmfromscratch.examples.plot.PcaScatter;

/** The walkthrough's pictures: positional embeddings, one batch's input embeddings, and a PCA of its tokens. */
final class WalkthroughPlots {
    private WalkthroughPlots() {}

    /**
     * Creates {@code dir} if needed and checks that pictures can be written into it, so that a bad
     * {@code --plots} is reported with its reason before the walkthrough runs.
     */
    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".llm-plots-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the pictures into " + dir + ": " + reason(e), e);
        }
    }

    /** Why an I/O operation failed, in words: the JDK's own messages are often only the path. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static void write(
            Path dir, Narration n, Batch batch, Tensor tokenEmbeddings, Tensor posEmbeddings, Tensor inputEmbeddings)
            throws IOException {
        Files.createDirectories(dir);
        int[] ids = batch.input().toIntArray();
        int batchSize = batch.input().size(0);
        int seq = batch.input().size(1);
        String[] tokens = new String[ids.length];
        String[] rowLabels = new String[ids.length];
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.instance();
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = tokenizer.decode(new int[] {ids[i]});
            rowLabels[i] = "b" + (i / seq) + " t" + (i % seq) + " '" + tokens[i].strip() + "'";
        }
        int dim = posEmbeddings.size(1);
        Path positional = dir.resolve("positional-embeddings.png");
        Heatmap.write(
                positional,
                rows(posEmbeddings.toFloatArray(), posEmbeddings.size(0), dim),
                "Positional embeddings: one row per position [" + posEmbeddings.size(0) + " x " + dim + "]",
                "embedding dimension",
                "position",
                null);
        Path inputs = dir.resolve("input-embeddings.png");
        Heatmap.write(
                inputs,
                rows(inputEmbeddings.toFloatArray(), batchSize * seq, dim),
                "Input embeddings of the first batch: token + position [" + batchSize + " x " + seq + " x " + dim + "]",
                "embedding dimension",
                "batch b, position t, token",
                rowLabels);
        Path pca = dir.resolve("token-embeddings-pca.png");
        PcaScatter.write(
                pca,
                rows(tokenEmbeddings.toFloatArray(), batchSize * seq, dim),
                tokens,
                "Token embeddings of the first batch's " + ids.length + " tokens, projected to 2-D (PCA)");
        n.section("Pictures");
        n.say("Wrote " + positional);
        n.say("Wrote " + inputs);
        n.say("Wrote " + pca);
    }

    private static float[][] rows(float[] flat, int rows, int cols) {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
