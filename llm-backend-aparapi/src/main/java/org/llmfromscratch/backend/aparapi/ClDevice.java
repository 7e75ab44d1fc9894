package org.llmfromscratch.backend.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.List;

/**
 * The device kernels run on: the first OpenCL GPU, else the first OpenCL CPU device (PoCL), else, only
 * when {@value #ALLOW_JTP} is set, Aparapi's Java thread pool. {@link #describe()} is what users see.
 */
final class ClDevice {
    /** System property that allows Aparapi's Java thread pool when no OpenCL device exists. */
    static final String ALLOW_JTP = "llm.aparapi.allowJtp";

    final Device device;
    /** True when kernels must run on OpenCL: a launch that fell back to Java is an error. */
    final boolean openCL;
    /** True for an OpenCL GPU: kernels then spread a row over several work items. */
    final boolean gpu;

    private final String description;

    private ClDevice(Device device, boolean openCL, String description) {
        this.device = device;
        this.openCL = openCL;
        this.gpu = device.getType() == Device.TYPE.GPU;
        this.description = description;
    }

    /**
     * Selects the device.
     *
     * @throws IllegalStateException naming the reason when there is no OpenCL device and the thread pool
     *     is not allowed
     */
    static ClDevice select() {
        AparapiLog.install();
        String missing = null;
        if (!OpenCLLoader.isOpenCLAvailable()) {
            missing = "Aparapi could not load OpenCL (no libOpenCL.so.1 or no ICD)";
        } else {
            OpenCLDevice chosen = first(Device.TYPE.GPU);
            if (chosen == null) {
                chosen = first(Device.TYPE.CPU);
            }
            if (chosen != null) {
                return new ClDevice(chosen, true, describe(chosen));
            }
            missing = "OpenCL loaded but reports no GPU or CPU device";
        }
        if (Boolean.getBoolean(ALLOW_JTP)) {
            return new ClDevice(
                    JavaDevice.THREAD_POOL,
                    false,
                    "Java thread pool (Aparapi JTP, " + missing + "; allowed by -D" + ALLOW_JTP + "=true)");
        }
        throw new IllegalStateException(missing + ". Install an OpenCL driver (on Debian: apt-get install "
                + "pocl-opencl-icd ocl-icd-libopencl1) or run with -D" + ALLOW_JTP
                + "=true to accept Aparapi's Java thread pool");
    }

    private static OpenCLDevice first(Device.TYPE type) {
        List<OpenCLDevice> devices = OpenCLDevice.listDevices(type);
        return devices == null || devices.isEmpty() ? null : devices.get(0);
    }

    private static String describe(OpenCLDevice d) {
        OpenCLPlatform p = d.getOpenCLPlatform();
        return "OpenCL " + d.getType() + ": " + d.getName().trim() + " (platform "
                + p.getName().trim() + ", " + p.getVersion().trim() + "; " + d.getMaxComputeUnits() + " compute units)";
    }

    /** E.g. {@code OpenCL CPU: pthread-skylake-avx512-AMD EPYC (platform Portable Computing Language, ...)}. */
    String describe() {
        return description;
    }
}
