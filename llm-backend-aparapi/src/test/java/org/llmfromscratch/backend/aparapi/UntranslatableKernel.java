package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;
import java.util.function.IntUnaryOperator;

/**
 * A kernel Aparapi cannot turn into OpenCL (an interface call on an object field), so Aparapi falls back
 * to Java threads: the launcher must refuse it.
 */
final class UntranslatableKernel extends Kernel {
    final IntUnaryOperator op = x -> x + 1;
    int[] out = new int[8];

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < out.length) {
            out[g] = op.applyAsInt(g);
        }
    }
}
