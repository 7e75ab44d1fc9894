package org.llmfromscratch.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.LayerNorm;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Parameter;
import org.llmfromscratch.api.optim.AdamW;

/**
 * Training steps leave no native memory behind: a small attention-shaped model (embedding, layer norm,
 * batched Q K^T with a causal mask, softmax, GELU, concat, cross-entropy) runs forward, backward and an
 * AdamW step 1,000 times, each step in its own scope, and every storage the kernels made is released
 * (the count of live storages is back where it was) without the resident size growing.
 */
class Nd4jTrainingMemoryTest {
    private static final long MIB = 1 << 20;
    private static final int VOCAB = 50;
    private static final int DIM = 32;
    private static final int T = 8;
    private static final int B = 2;

    private final Backend backend = Backends.get("nd4j");

    @Test
    void aThousandTrainingStepsReturnLiveStoragesToTheBaseline() {
        Generator gen = new Generator(123);
        try (Embedding tok = new Embedding(backend, VOCAB, DIM, gen);
                LayerNorm norm = new LayerNorm(backend, DIM);
                Linear qkv = new Linear(backend, DIM, 3 * DIM, true, gen);
                Linear ff = new Linear(backend, 2 * DIM, DIM, true, gen);
                Linear head = new Linear(backend, DIM, VOCAB, false, gen);
                Tensor ids = backend.tensor(ids(0));
                Tensor targets = backend.tensor(ids(1)).reshape(B * T);
                Tensor causal = backend.tensor(causalMask())) {
            Map<String, Parameter> params = new LinkedHashMap<>();
            for (var e : List.of(
                    Map.entry("tok", tok),
                    Map.entry("norm", norm),
                    Map.entry("qkv", qkv),
                    Map.entry("ff", ff),
                    Map.entry("head", head))) {
                e.getValue().namedParameters().forEach((name, p) -> params.put(e.getKey() + "." + name, p));
            }
            try (AdamW opt = new AdamW(params, 1e-3, 0.1)) {
                double first = steps(200, tok, norm, qkv, ff, head, ids, targets, causal, opt);
                long liveBefore = Nd4jStorage.live();
                long rssBefore = residentBytes();

                double last = Double.NaN;
                // 1,000 steps by default; the 'soak' profile runs 100,000 (-Dllm.soak.steps).
                for (int r = 0; r < Integer.getInteger("llm.soak.steps", 1000) / 200; r++) {
                    last = steps(200, tok, norm, qkv, ff, head, ids, targets, causal, opt);
                    if (Boolean.getBoolean("nd4j.memdebug")) {
                        System.out.println("live " + Nd4jStorage.live() + " rss " + residentBytes() / MIB + " MiB");
                    }
                }

                long liveAfter = Nd4jStorage.live();
                long rssAfter = residentBytes();
                assertTrue(Double.isFinite(last) && last < first, "the loss falls: " + first + " -> " + last);
                assertEquals(liveBefore, liveAfter, "every storage a training step makes is released");
                // A leaked activation of one step is at least 2 KiB; 1,000 steps of leaked graphs would be tens of MiB.
                long grown = rssAfter - rssBefore;
                assertTrue(grown < 64 * MIB, "resident memory grew by " + grown / MIB + " MiB over the measured steps");
            }
        }
    }

    private static double steps(
            int n,
            Embedding tok,
            LayerNorm norm,
            Linear qkv,
            Linear ff,
            Linear head,
            Tensor ids,
            Tensor targets,
            Tensor causal,
            AdamW opt) {
        double loss = Double.NaN;
        for (int i = 0; i < n; i++) {
            TensorScope scope = TensorScope.open();
            try {
                opt.zeroGrad();
                Tensor x = norm.forward(tok.forward(ids)); // [B, T, D]
                Tensor h = qkv.forward(x); // [B, T, 3D]
                Tensor q = h.slice(2, 0, DIM);
                Tensor k = h.slice(2, DIM, 2 * DIM);
                Tensor v = h.slice(2, 2 * DIM, 3 * DIM);
                Tensor scores = q.matmul(k.transpose(1, 2))
                        .mul(1.0 / Math.sqrt(DIM))
                        .maskedFill(causal, Double.NEGATIVE_INFINITY);
                Tensor att = scores.softmax(-1).matmul(v);
                Tensor y = ff.forward(Tensor.cat(List.of(att, x), 2)).gelu().add(x);
                Tensor logits = head.forward(y).reshape(B * T, VOCAB);
                Tensor l = Functional.crossEntropy(logits, targets);
                l.backward();
                opt.step();
                loss = l.item();
            } finally {
                scope.close();
            }
        }
        return loss;
    }

    private static int[][] ids(int shift) {
        int[][] r = new int[B][T];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                r[b][t] = (b * 7 + t * 3 + shift) % VOCAB;
            }
        }
        return r;
    }

    private static float[][] causalMask() {
        float[][] m = new float[T][T];
        for (int i = 0; i < T; i++) {
            for (int j = i + 1; j < T; j++) {
                m[i][j] = 1f;
            }
        }
        return m;
    }

    private static long residentBytes() {
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Pointer.physicalBytes();
    }
}
