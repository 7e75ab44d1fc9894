package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.ArrayStorage;

/**
 * Both fused loops against the obvious definition, on row ranges and widths that do not line up with
 * positions or vector lengths. Surefire runs this class twice: without and with the Vector API module.
 */
class EmbedRowsTest {
    private static final boolean VECTOR_MODULE =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    @Test
    void theVectorApiIsUsedExactlyWhenItsModuleIsPresent() {
        assertEquals(VECTOR_MODULE, EmbedRows.INSTANCE instanceof VectorEmbedRows, EmbedRows.INSTANCE.describe());
    }

    @Test
    void scalarRowsMatchTheDefinition() {
        check(new ScalarEmbedRows("test"));
    }

    @Test
    void vectorRowsMatchTheDefinition() {
        assumeTrue(VECTOR_MODULE, "runs in the surefire execution with --add-modules jdk.incubator.vector");
        check(EmbedRows.INSTANCE);
    }

    private static void check(EmbedRows rows) {
        Random r = new Random(3);
        for (int cols : new int[] {1, 7, 16, 33, 768}) {
            int vocab = 50;
            int seq = 5;
            int batch = 13; // a group of eight, one of four, one single
            float[] tok = new float[vocab * cols];
            float[] pos = new float[seq * cols];
            for (int i = 0; i < tok.length; i++) {
                tok[i] = r.nextFloat();
            }
            for (int i = 0; i < pos.length; i++) {
                pos[i] = r.nextFloat();
            }
            int[] ids = r.ints(batch * seq, 0, vocab).toArray();
            for (int[] range : new int[][] {{0, seq}, {1, 4}, {2, 3}, {4, 5}}) {
                float[] out = new float[batch * seq * cols];
                rows.run(out, tok, pos, ArrayStorage.of(ids), cols, seq, batch, range[0], range[1]);
                float[] expected = new float[out.length];
                for (int b = 0; b < batch; b++) {
                    for (int t = range[0]; t < range[1]; t++) {
                        int row = b * seq + t;
                        for (int c = 0; c < cols; c++) {
                            expected[row * cols + c] = tok[ids[row] * cols + c] + pos[t * cols + c];
                        }
                    }
                }
                assertArrayEquals(expected, out, "cols " + cols + ", positions " + range[0] + ".." + range[1]);
            }
        }
    }
}
