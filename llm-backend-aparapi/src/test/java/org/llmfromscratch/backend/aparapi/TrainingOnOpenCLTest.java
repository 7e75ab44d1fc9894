package org.llmfromscratch.backend.aparapi;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.optim.AdamW;

/**
 * A thousand training steps of a tiny attention-like model (embedding, linear, GELU, causal masked
 * softmax, batched matmuls, transpose, cross-entropy, AdamW) run on OpenCL: the loss falls, every training
 * kernel's last launch ran on OpenCL, and memory outside the Java heap (OpenCL buffers; on PoCL they wrap
 * host memory) is back where it was after the warm-up.
 */
class TrainingOnOpenCLTest {
    /** 1,000 training steps by default; the 'soak' profile runs 100,000 ({@code -Dllm.soak.steps}). */
    private static final int STEPS = Integer.getInteger("llm.soak.steps", 1000);

    private static final int WARM_UP = 100;
    private static final int BATCH = 4;
    private static final int SEQ = 32;
    private static final int DIM = 64;
    private static final int VOCAB = 256;
    /**
     * Each step makes about 2 MB of outputs and dozens of kernel launches; a buffer kept per launch would
     * grow by far more than this over the 900 measured steps (a leak of the outputs alone: about 1.8 GB).
     * JIT code and malloc arenas may add a little, hence not zero.
     */
    private static final long NATIVE_TOLERANCE_KB = 64 * 1024;

    @Test
    void aThousandTrainingStepsRunOnOpenCLAndLeaveNoNativeMemoryBehind() throws IOException {
        Backend backend = OpenCLRequired.backend();
        AparapiKernels k = assertInstanceOf(AparapiKernels.class, backend.kernels());
        Generator gen = new Generator(7);
        int[][] ids = new int[BATCH][SEQ];
        long[] targets = new long[BATCH * SEQ];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < SEQ; t++) {
                ids[b][t] = (b * 31 + t * 7) % VOCAB;
                targets[b * SEQ + t] = (ids[b][t] + 1) % VOCAB;
            }
        }
        float[][] causal = new float[SEQ][SEQ];
        for (int i = 0; i < SEQ; i++) {
            for (int j = i + 1; j < SEQ; j++) {
                causal[i][j] = 1f;
            }
        }
        try (Embedding emb = new Embedding(backend, VOCAB, DIM, gen);
                Linear hidden = new Linear(backend, DIM, DIM, true, gen);
                Linear head = new Linear(backend, DIM, VOCAB, false, gen);
                Tensor input = backend.tensor(ids);
                Tensor target = backend.tensor(targets);
                Tensor mask = backend.tensor(causal)) {
            java.util.Map<String, org.llmfromscratch.api.nn.Parameter> params = new java.util.LinkedHashMap<>();
            emb.namedParameters().forEach((n, p) -> params.put("emb." + n, p));
            hidden.namedParameters().forEach((n, p) -> params.put("hidden." + n, p));
            head.namedParameters().forEach((n, p) -> params.put("head." + n, p));
            AdamW opt = new AdamW(params, 3e-3, 0.01);
            float first = Float.NaN;
            float last = Float.NaN;
            long nativeAfterWarmUp = 0;
            for (int step = 0; step < STEPS; step++) {
                if (step == WARM_UP) {
                    nativeAfterWarmUp = nativeKb();
                }
                opt.zeroGrad();
                try (Tensor x = emb.forward(input);
                        Tensor h = hidden.forward(x).gelu();
                        Tensor scores = h.matmul(h.transpose(1, 2)).div(8.0);
                        Tensor masked = scores.maskedFill(mask, Double.NEGATIVE_INFINITY);
                        Tensor attn = masked.softmax(-1);
                        Tensor ctx = attn.matmul(h).add(x);
                        Tensor logits = head.forward(ctx).reshape(BATCH * SEQ, VOCAB);
                        Tensor loss = Functional.crossEntropy(logits, target)) {
                    loss.backward();
                    float value = (float) loss.item();
                    if (step == 0) {
                        first = value;
                    }
                    last = value;
                }
                opt.step();
            }
            opt.close();
            long nativeAtEnd = nativeKb();
            System.out.printf(
                    "aparapi training check: loss %.4f -> %.4f over %d steps; memory outside the heap %d kB"
                            + " after %d steps, %d kB after %d (%+d kB)%n",
                    first,
                    last,
                    STEPS,
                    nativeAfterWarmUp,
                    WARM_UP,
                    nativeAtEnd,
                    STEPS,
                    nativeAtEnd - nativeAfterWarmUp);
            assertTrue(last < first * 0.5f, "the loss falls: " + first + " -> " + last);
            for (Kernel kernel :
                    new Kernel[] {k.elementwise, k.reduceAxis, k.matmul, k.softmax, k.inPlace, k.scatter}) {
                synchronized (kernel) {
                    assertTrue(kernel.isRunningCL(), kernel.getClass().getSimpleName() + " ran on OpenCL");
                }
            }
            assertTrue(
                    nativeAtEnd - nativeAfterWarmUp < NATIVE_TOLERANCE_KB,
                    "memory outside the heap grew from " + nativeAfterWarmUp + " kB to " + nativeAtEnd + " kB");
        }
    }

    /**
     * The process's resident memory. The module's surefire JVM has a fixed, pre-touched heap, so growth is
     * memory outside the Java heap: OpenCL buffers and Aparapi's native bookkeeping (and a little JIT code).
     */
    private static long nativeKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
