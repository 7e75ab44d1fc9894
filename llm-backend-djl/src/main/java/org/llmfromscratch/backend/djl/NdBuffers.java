package org.llmfromscratch.backend.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Bulk copies between Java arrays and PyTorch tensors, one {@code memcpy}-like copy each way.
 *
 * <p>DJL's own {@code manager.create(float[])} copies the array into a fresh direct {@link ByteBuffer}
 * that the tensor then borrows (two allocations, and the buffer's memory is freed only when the garbage
 * collector runs). Instead we let libtorch allocate an empty tensor and copy straight into its memory
 * through the direct buffer that {@code toByteBuffer(true)} returns for a contiguous CPU tensor: the
 * memory belongs to libtorch alone and is freed when the array is closed.
 */
final class NdBuffers {
    private NdBuffers() {}

    /** A new contiguous array in {@code manager}, filled by {@code fill} through a buffer over its memory. */
    static NDArray filled(NDManager manager, Shape shape, DataType type, Consumer<ByteBuffer> fill) {
        Device device = manager.getDevice();
        if (isCpu(device)) {
            NDArray array = manager.create(shape, type);
            if (shape.size() > 0) {
                fill.accept(array.toByteBuffer(true));
            }
            return array;
        }
        // An accelerator: fill a CPU tensor, copy it over, free the CPU one.
        try (NDManager staging = manager.newSubManager(Device.cpu())) {
            NDArray cpu = filled(staging, shape, type, fill);
            NDArray moved = cpu.toDevice(device, true);
            moved.attach(manager);
            return moved;
        }
    }

    /**
     * Runs {@code read} on a buffer over a contiguous array's elements (a CPU copy first when the array
     * lives on an accelerator). The buffer is only valid during the call.
     */
    static void read(NDArray array, Consumer<ByteBuffer> read) {
        if (array.size() == 0) {
            return;
        }
        if (isCpu(array.getDevice())) {
            read.accept(array.toByteBuffer(true));
            return;
        }
        try (NDManager staging = array.getManager().newSubManager(Device.cpu())) {
            NDArray cpu = array.toDevice(Device.cpu(), true);
            cpu.attach(staging);
            read.accept(cpu.toByteBuffer(true));
        }
    }

    static float[] floats(NDArray array) {
        float[] out = new float[Math.toIntExact(array.size())];
        read(array, b -> b.asFloatBuffer().get(out));
        return out;
    }

    static int[] ints(NDArray array) {
        int[] out = new int[Math.toIntExact(array.size())];
        read(array, b -> b.asIntBuffer().get(out));
        return out;
    }

    static long[] longs(NDArray array) {
        long[] out = new long[Math.toIntExact(array.size())];
        read(array, b -> b.asLongBuffer().get(out));
        return out;
    }

    static NDArray of(NDManager manager, Shape shape, float[] values) {
        return filled(manager, shape, DataType.FLOAT32, b -> b.asFloatBuffer().put(values));
    }

    static NDArray of(NDManager manager, Shape shape, int[] values) {
        return filled(manager, shape, DataType.INT32, b -> b.asIntBuffer().put(values));
    }

    static NDArray of(NDManager manager, Shape shape, long[] values) {
        return filled(manager, shape, DataType.INT64, b -> b.asLongBuffer().put(values));
    }

    static boolean isCpu(Device device) {
        return Device.Type.CPU.equals(device.getDeviceType());
    }
}
