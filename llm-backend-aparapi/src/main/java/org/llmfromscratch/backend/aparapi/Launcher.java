package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;

/**
 * Launches a kernel over {@code items} work items on the selected device and checks where it ran. The
 * caller holds the kernel's monitor: a {@link Kernel} is not thread-safe (its fields are its arguments).
 */
final class Launcher {
    /** Work-group size; the global size is rounded up to it and kernels ignore work items past the end. */
    static final int GROUP = 64;

    private final ClDevice device;
    /** Explicit buffer management: inputs bound before are not uploaded again, outputs are read with get. */
    Launcher(ClDevice device) {
        this.device = device;
        this.maxLanes = Math.max(1, Integer.getInteger(LANES_PROPERTY, device.gpu ? 32 : 1));
    }

    /** True on an OpenCL GPU: launches then aim for many more work items. */
    boolean gpu() {
        return device.gpu;
    }

    /**
     * Prepares a kernel instance once: explicit buffers, so that inputs bound before are not uploaded again
     * and outputs are read with {@code get} (1.6-1.9x faster than Aparapi's copy-every-launch mode on PoCL).
     */
    <K extends Kernel> K prepare(K kernel) {
        kernel.setExplicit(true);
        return kernel;
    }

    /**
     * Runs {@code kernel} over {@code items} work items (nothing when 0).
     *
     * @throws IllegalStateException when Aparapi ran it anywhere but OpenCL and that is not allowed
     */
    void launch(Kernel kernel, int items) {
        if (items <= 0) {
            return;
        }
        int global = (int) Math.min(Integer.MAX_VALUE - GROUP, ((long) items + GROUP - 1) / GROUP * GROUP);
        AparapiLog.reset();
        try {
            kernel.execute(Range.create(device.device, global, GROUP));
        } catch (AssertionError e) {
            // Aparapi's way of saying "this kernel cannot run on the device you named": it tried to fall
            // back to Java threads, which a device-bound Range forbids.
            throw notOnOpenCL(kernel, "failed: " + e.getMessage());
        }
        if (device.openCL && !kernel.isRunningCL()) {
            throw notOnOpenCL(kernel, "fell back to " + mode(kernel));
        }
    }

    @SuppressWarnings("deprecation") // getExecutionMode: the only way to name where Aparapi ran instead
    private static Object mode(Kernel kernel) {
        return kernel.getExecutionMode();
    }

    private IllegalStateException notOnOpenCL(Kernel kernel, String what) {
        String why = AparapiLog.warnings();
        return new IllegalStateException(
                "Aparapi did not run " + kernel.getClass().getSimpleName() + " on OpenCL ("
                        + device.describe() + "): it " + what + (why.isEmpty() ? "" : "; Aparapi said: " + why)
                        + ". Refusing to compute on Java threads silently; -D" + ClDevice.ALLOW_JTP
                        + "=true allows the thread pool only when no OpenCL device exists");
    }

    /** System property: most work items sharing one row (1 = one work item per row). */
    static final String LANES_PROPERTY = "llm.aparapi.lanes";

    /**
     * Most work items per row. On PoCL's CPU device one work item per row measured fastest (4.7 GB/s
     * against 4.0 with 16 lanes and 1.3 with 4, same JVM, explicit buffers); on a GPU 32 lanes make a
     * warp read 32 neighbouring floats (coalesced), a choice not measured here.
     */
    final int maxLanes;

    /** Work items per row for a row of {@code width} elements, over {@code rows} rows. */
    int lanes(int width, int rows) {
        int lanes = Math.min(width, maxLanes);
        return Math.max(1, Math.min(lanes, Integer.MAX_VALUE / Math.max(1, rows)));
    }
}
