package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;

/** One module shared by several threads gives every thread the same results as a single thread. */
public interface ConcurrencyContract extends ConformanceFixture {

    @Test
    default void oneModuleUsedByFourThreadsGivesTheSameResults() throws Exception {
        GPTConfig config = new GPTConfig(500, 16, 32, 2, 1, 0.1, false);
        try (GPTEmbedding g = new GPTEmbedding(backend(), config, 9L)) {
            int[][][] batches = new int[8][][];
            float[][] expected = new float[8][];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < batches.length; i++) {
                batches[i] = new int[3][16];
                for (int[] row : batches[i]) {
                    for (int t = 0; t < row.length; t++) {
                        row[t] = random.nextInt(500);
                    }
                }
                try (Tensor ids = backend().tensor(batches[i]);
                        Tensor x = g.forward(ids)) {
                    expected[i] = x.toFloatArray();
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int worker = 0; worker < 4; worker++) {
                    results.add(pool.submit(() -> {
                        for (int round = 0; round < 25; round++) {
                            for (int i = 0; i < batches.length; i++) {
                                try (TensorScope scope = TensorScope.open()) {
                                    assertArrayEquals(
                                            expected[i],
                                            g.forward(backend().tensor(batches[i]))
                                                    .toFloatArray());
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : results) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
