package org.llmfromscratch.backend.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;

/** Proof that the kernels ran on OpenCL, and that a fallback to Java threads is an error, not a surprise. */
class OpenCLExecutionTest {

    @Test
    void availabilityNamesTheOpenCLDeviceAndPlatform() {
        String detail = OpenCLRequired.info().availability().detail();
        assertTrue(detail.startsWith("OpenCL GPU: ") || detail.startsWith("OpenCL CPU: "), detail);
        assertTrue(detail.contains("(platform "), detail);
        assertEquals(
                detail, OpenCLRequired.backend().device(), "the backend reports the device its availability named");
    }

    @Test
    void theFusedEmbeddingRanOnTheOpenCLDevice() {
        Backend backend = OpenCLRequired.backend();
        AparapiKernels kernels = assertInstanceOf(AparapiKernels.class, backend.kernels());
        GPTConfig config = GPTConfig.GPT2_124M.withContextLength(8).withEmbeddingDim(16);
        try (GPTEmbedding g = new GPTEmbedding(backend, config, 1L)) {
            try (Tensor ids = backend.tensor(new int[][] {{1, 2, 3}, {50256, 0, 7}});
                    Tensor x = g.forward(ids)) {
                assertEquals(96, x.toFloatArray().length);
            }
            synchronized (kernels.embed) {
                assertTrue(kernels.embed.isRunningCL(), "the embedding kernel's last launch ran on OpenCL");
                Device device = kernels.embed.getTargetDevice();
                OpenCLDevice cl = assertInstanceOf(OpenCLDevice.class, device, "target device " + device);
                assertTrue(
                        cl.getType() == Device.TYPE.GPU || cl.getType() == Device.TYPE.CPU,
                        "device type " + cl.getType());
                assertTrue(backend.device().contains(cl.getName().trim()), backend.device() + " names " + cl.getName());
                if (cl.getOpenCLPlatform().getName().contains("Portable Computing Language")) {
                    assertEquals(Device.TYPE.CPU, cl.getType(), "PoCL's pthread device is an OpenCL CPU device");
                }
            }
        }
    }

    @Test
    void aKernelAparapiFallsBackOnIsRefusedLoudly() {
        OpenCLRequired.backend();
        Launcher launcher = new Launcher(ClDevice.select());
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> launcher.launch(new UntranslatableKernel(), 8));
        assertTrue(e.getMessage().contains("did not run UntranslatableKernel on OpenCL"), e.getMessage());
        assertTrue(e.getMessage().contains("invokeinterface"), "Aparapi's own reason is kept: " + e.getMessage());
        assertTrue(e.getMessage().contains("Refusing to compute on Java threads"), e.getMessage());
    }

    @Test
    void emptyWorkLaunchesNothing() {
        Launcher launcher = new Launcher(ClDevice.select());
        UntranslatableKernel k = new UntranslatableKernel();
        launcher.launch(k, 0);
        assertEquals(0, k.out[0], "a 0-size launch must not run the kernel, not even on Java threads");
    }
}
