package org.llmfromscratch.backend.aparapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.Storage;

/**
 * Which shape of work the kernels ran with in this JVM. Surefire runs the conformance suite twice: as
 * the device chooses (one work item per row on PoCL's CPU device) and, in the {@code gpu-shape}
 * execution, with {@code -Dllm.aparapi.lanes=32}, the GPU's shape (32 work items share a row, each
 * taking every 32nd column). This test proves the second run really took the multi-lane branches.
 */
class WorkShapeTest {
    @Test
    void theKernelsRunWithTheConfiguredLanesPerRow() {
        AparapiKernels k =
                assertInstanceOf(AparapiKernels.class, OpenCLRequired.backend().kernels());
        Integer configured = Integer.getInteger(Launcher.LANES_PROPERTY);
        int cols = 100; // not a multiple of 32: the last lanes do one column less
        int expected = configured != null ? Math.min(cols, configured) : ClDevice.select().gpu ? 32 : 1;
        float[] tok = new float[3 * cols];
        float[] pos = new float[2 * cols];
        for (int i = 0; i < tok.length; i++) {
            tok[i] = i;
        }
        for (int i = 0; i < pos.length; i++) {
            pos[i] = -0.5f * i;
        }
        Storage out = k.embed(k.fromFloats(tok), k.fromFloats(pos), cols, k.fromInts(new int[] {2, 0}), 1, 2);
        synchronized (k.embed) {
            assertEquals(
                    expected,
                    k.embed.lanes,
                    "work items per row (-D" + Launcher.LANES_PROPERTY + "=" + configured + ")");
        }
        float[] want = new float[2 * cols];
        for (int c = 0; c < cols; c++) {
            want[c] = tok[2 * cols + c] + pos[c];
            want[cols + c] = tok[c] + pos[cols + c];
        }
        assertArrayEquals(want, k.readFloats(out));
    }
}
