package org.llmfromscratch.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GELU;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;
import org.llmfromscratch.api.nn.LayerNorm;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Module;
import org.llmfromscratch.api.nn.Parameter;
import org.llmfromscratch.api.optim.AdamW;

/**
 * Closing tensors frees PyTorch memory at once: 100,000 forward calls, and 1,000 training steps (forward,
 * backward, AdamW) through every training kernel, leave no array behind in DJL's managers and do not grow
 * the process's resident memory.
 */
class NativeMemoryTest {
    private static final int CALLS = 100_000;
    private static final int WARM_UP = 10_000;
    /**
     * Each call makes 16 KB of output; a leak of the remaining 90,000 calls would be about 1.4 GB. The
     * surefire JVM has a fixed, pre-touched heap, so the Java heap does not count as growth.
     */
    private static final long RSS_TOLERANCE_KB = 32 * 1024;

    @Test
    void hundredThousandForwardCallsLeaveNoNativeMemoryBehind() throws IOException {
        Backend backend = Backends.get("djl");
        DjlKernels kernels = (DjlKernels) backend.kernels();
        GPTConfig config = new GPTConfig(1000, 16, 64, 2, 1, 0.1, false);
        int[][] ids = new int[4][16];
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < 16; t++) {
                ids[b][t] = (b * 131 + t * 17) % 1000;
            }
        }
        try (GPTEmbedding embedding = new GPTEmbedding(backend, config, 123L)) {
            int arraysBefore = kernels.root().getManagedArrays().size();
            float checksum = 0;
            long rssAfterWarmUp = 0;
            long start = System.nanoTime();
            for (int call = 0; call < CALLS; call++) {
                if (call == WARM_UP) {
                    rssAfterWarmUp = residentKb();
                }
                try (Tensor input = backend.tensor(ids);
                        Tensor x = embedding.forward(input)) {
                    if (call % 10_000 == 0) {
                        try (Tensor sum = x.sum()) {
                            checksum += sum.item();
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rssAtEnd = residentKb();
            System.out.printf(
                    "djl leak check: %d forward calls in %.1f s; VmRSS %d kB after %d calls, %d kB after %d"
                            + " (%+d kB); checksum %.3f%n",
                    CALLS, seconds, rssAfterWarmUp, WARM_UP, rssAtEnd, CALLS, rssAtEnd - rssAfterWarmUp, checksum);
            assertEquals(arraysBefore, kernels.root().getManagedArrays().size(), "arrays left in DJL's managers");
            assertTrue(
                    rssAtEnd - rssAfterWarmUp < RSS_TOLERANCE_KB,
                    "resident memory grew from " + rssAfterWarmUp + " kB to " + rssAtEnd + " kB");
        }
    }

    /** 1,000 training steps by default; the 'soak' profile runs 100,000 ({@code -Dllm.soak.steps}). */
    private static final int STEPS = Integer.getInteger("llm.soak.steps", 1_000);

    private static final int STEP_WARM_UP = 100;

    /**
     * A one-block GPT-like step on [4, 16] ids: embedding (gather, then scatter-add backward), layer norm,
     * two-head causal attention (permutes, batched matmuls with transposes, maskedFill with -inf, softmax),
     * a concatenation, a GELU feed-forward, cross-entropy over 1,000 classes, backward and an AdamW step.
     * After the warm-up the live arrays are the parameters, their gradients and the optimizer's moments,
     * the same number after every step; closing everything returns DJL's root manager to its baseline.
     */
    @Test
    void aThousandTrainingStepsLeaveNoNativeMemoryBehind() throws IOException {
        Backend backend = Backends.get("djl");
        DjlKernels kernels = (DjlKernels) backend.kernels();
        int batch = 4;
        int seq = 16;
        int dim = 32;
        int heads = 2;
        int vocab = 1000;
        int[][] ids = new int[batch][seq];
        int[][] targets = new int[batch][seq];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                ids[b][t] = (b * 131 + t * 17) % vocab;
                targets[b][t] = (b * 31 + t * 7 + 1) % vocab;
            }
        }
        float[][] causal = new float[seq][seq];
        for (int i = 0; i < seq; i++) {
            for (int j = i + 1; j < seq; j++) {
                causal[i][j] = 1f;
            }
        }
        int arraysBefore = kernels.root().getManagedArrays().size();
        // This test measures memory, not speed: one intra-op thread keeps ~150 small kernels a step from
        // paying OpenMP's hand-offs, which on a loaded 2-core machine cost milliseconds each (0.5 s a step).
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            train(backend, kernels, arraysBefore, batch, seq, dim, heads, vocab, ids, targets, causal);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private static void train(
            Backend backend,
            DjlKernels kernels,
            int arraysBefore,
            int batch,
            int seq,
            int dim,
            int heads,
            int vocab,
            int[][] ids,
            int[][] targets,
            float[][] causal)
            throws IOException {
        Generator g = new Generator(7);
        List<Module> modules = List.of(
                new GPTEmbedding(backend, new GPTConfig(vocab, seq, dim, heads, 1, 0.0, false), g),
                new LayerNorm(backend, dim),
                new Linear(backend, dim, 3 * dim, false, g),
                new Linear(backend, 2 * dim, dim, true, g),
                new LayerNorm(backend, dim),
                new Linear(backend, dim, 4 * dim, true, g),
                new Linear(backend, 4 * dim, dim, true, g),
                new Linear(backend, dim, vocab, false, g));
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            for (Map.Entry<String, Parameter> e :
                    modules.get(i).namedParameters().entrySet()) {
                params.put(i + "." + e.getKey(), e.getValue());
            }
        }
        GELU gelu = new GELU();
        AdamW opt = new AdamW(params, 1e-3, 0.1);
        Tensor input = backend.tensor(ids);
        Tensor target2d = backend.tensor(targets);
        Tensor target = target2d.reshape(batch * seq);
        Tensor mask = backend.tensor(causal);
        int arraysAfterWarmUp = 0;
        long rssAfterWarmUp = 0;
        double firstLoss = 0;
        double lastLoss = 0;
        long start = System.nanoTime();
        for (int step = 0; step < STEPS; step++) {
            if (step == STEP_WARM_UP) {
                arraysAfterWarmUp = kernels.root().getManagedArrays().size();
                rssAfterWarmUp = residentKb();
            }
            try (TensorScope scope = TensorScope.open()) {
                opt.zeroGrad();
                Tensor x = modules.get(0).forward(input); // [B, T, D]
                Tensor qkv = modules.get(2).forward(modules.get(1).forward(x)); // [B, T, 3D]
                Tensor q = qkv.slice(2, 0, dim)
                        .view(batch, seq, heads, dim / heads)
                        .transpose(1, 2);
                Tensor k = qkv.slice(2, dim, 2 * dim)
                        .view(batch, seq, heads, dim / heads)
                        .transpose(1, 2);
                Tensor v = qkv.slice(2, 2 * dim, 3 * dim)
                        .view(batch, seq, heads, dim / heads)
                        .permute(0, 2, 1, 3);
                Tensor att = q.matmulTransposed(k)
                        .div(Math.sqrt(dim / heads))
                        .maskedFill(mask, Double.NEGATIVE_INFINITY)
                        .softmax(-1);
                Tensor ctx = att.matmul(v).transpose(1, 2).reshape(batch, seq, dim);
                Tensor h = x.add(modules.get(3).forward(Tensor.cat(List.of(ctx, x), 2)));
                Tensor ff = modules.get(6)
                        .forward(gelu.forward(
                                modules.get(5).forward(modules.get(4).forward(h))));
                Tensor logits = modules.get(7).forward(h.add(ff)).reshape(batch * seq, vocab);
                Tensor loss = Functional.crossEntropy(logits, target);
                loss.backward();
                opt.step();
                if (step == 0) {
                    firstLoss = loss.item();
                }
                lastLoss = loss.item();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int arraysAtEnd = kernels.root().getManagedArrays().size();
        long rssAtEnd = residentKb();
        System.out.printf(
                "djl training leak check: %d steps in %.1f s; loss %.3f -> %.3f; %d live arrays after %d"
                        + " steps and %d at the end; VmRSS %d kB -> %d kB (%+d kB)%n",
                STEPS,
                seconds,
                firstLoss,
                lastLoss,
                arraysAfterWarmUp,
                STEP_WARM_UP,
                arraysAtEnd,
                rssAfterWarmUp,
                rssAtEnd,
                rssAtEnd - rssAfterWarmUp);
        opt.close();
        input.close();
        target.close();
        target2d.close();
        mask.close();
        modules.forEach(Module::close);
        gelu.close();
        assertTrue(lastLoss < firstLoss, "training did not lower the loss: " + firstLoss + " -> " + lastLoss);
        assertEquals(arraysAfterWarmUp, arraysAtEnd, "live arrays grew during training");
        assertEquals(arraysBefore, kernels.root().getManagedArrays().size(), "arrays left in DJL's managers");
        assertTrue(
                rssAtEnd - rssAfterWarmUp < RSS_TOLERANCE_KB,
                "resident memory grew from " + rssAfterWarmUp + " kB to " + rssAtEnd + " kB");
    }

    /** The process's resident set size, from {@code /proc/self/status} (PyTorch has no allocator counter on CPU). */
    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
