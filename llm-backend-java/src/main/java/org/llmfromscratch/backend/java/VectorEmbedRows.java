package org.llmfromscratch.backend.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused forward with the Vector API: one pass per row, token and positional vectors loaded, added
 * and stored at the platform's preferred width. Only loaded when {@code jdk.incubator.vector} is in the
 * boot layer (see {@link EmbedRows}).
 */
final class VectorEmbedRows extends EmbedRows {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    void run(float[] out, float[] tok, float[] pos, HeapStorage ids, int cols, int seq, int from, int to) {
        int step = SPECIES.length();
        int bound = SPECIES.loopBound(cols);
        for (int r = from; r < to; r++) {
            int o = r * cols;
            int t = ids.id(r) * cols;
            int p = (r % seq) * cols;
            int c = 0;
            for (; c < bound; c += step) {
                FloatVector.fromArray(SPECIES, tok, t + c).add(FloatVector.fromArray(SPECIES, pos, p + c))
                        .intoArray(out, o + c);
            }
            for (; c < cols; c++) {
                out[o + c] = tok[t + c] + pos[p + c];
            }
        }
    }

    @Override
    String describe() {
        return "Vector API, " + SPECIES.vectorBitSize() + "-bit";
    }
}
