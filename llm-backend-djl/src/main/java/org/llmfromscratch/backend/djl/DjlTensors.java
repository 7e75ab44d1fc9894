package org.llmfromscratch.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.spi.Kernels;

/**
 * Moves tensors between this API and DJL: a {@link Tensor} of any backend to an {@link NDArray} of any
 * DJL engine and back, shape and dtype (float32, int32, int64) preserved, with bulk buffer copies and
 * never a loop over elements.
 *
 * <pre>{@code
 * try (NDManager manager = NDManager.newBaseManager()) {
 *     NDArray x = DjlTensors.toNDArray(embeddings, manager);     // a copy owned by the manager
 *     Tensor back = DjlTensors.fromNDArray(x.mul(2), backend);    // a copy owned by the caller
 * }
 * }</pre>
 *
 * <p>Ownership follows each side's rule: a returned {@code NDArray} belongs to the manager it was
 * created in; a returned {@code Tensor} belongs to the caller (or the open
 * {@link org.llmfromscratch.api.TensorScope}). Between tensors of the {@code djl} backend and PyTorch
 * managers the copy is done by libtorch itself, and {@link #view} shares memory without any copy.
 */
public final class DjlTensors {
    private DjlTensors() {}

    /**
     * A copy of {@code tensor} as a new array in {@code manager}, of the same shape and data type.
     *
     * @throws IllegalStateException if the tensor was closed
     */
    public static NDArray toNDArray(Tensor tensor, NDManager manager) {
        Shape shape = shapeOf(tensor);
        if (tensor.storage() instanceof DjlStorage && manager instanceof PtNDManager) {
            NDArray source = ((DjlStorage) tensor.storage()).array();
            try (KernelScope scope = new KernelScope(source.getManager(), source)) {
                NDArray view = scope.track(source.reshape(shape));
                // clone, not toType(same, true): DJL's toType returns a second handle on the same memory.
                NDArray copy = sameDevice(view, manager)
                        ? JniUtils.clone((PtNDArray) view)
                        : view.toDevice(manager.getDevice(), true);
                return scope.keep(scope.track(copy), manager);
            }
        }
        boolean torch = manager instanceof PtNDManager;
        switch (tensor.dtype()) {
            case FLOAT32: {
                float[] v = tensor.toFloatArray();
                return torch ? NdBuffers.of(manager, shape, v) : manager.create(FloatBuffer.wrap(v), shape);
            }
            case INT32: {
                int[] v = tensor.toIntArray();
                return torch ? NdBuffers.of(manager, shape, v) : manager.create(IntBuffer.wrap(v), shape);
            }
            default: {
                long[] v = tensor.toLongArray();
                return torch ? NdBuffers.of(manager, shape, v) : manager.create(LongBuffer.wrap(v), shape);
            }
        }
    }

    /**
     * A view of a {@code djl} tensor as an array in {@code manager}, sharing its memory: no copy. The
     * view and the tensor may be closed in any order (libtorch frees the memory after both). Tensors are
     * immutable in this API, so do not modify the view in place ({@code addi}, {@code set}, ...); take
     * {@link #toNDArray} when in doubt.
     *
     * @throws IllegalArgumentException if the tensor is not on the {@code djl} backend, or the manager is
     *     not a PyTorch manager on the tensor's device
     */
    public static NDArray view(Tensor tensor, NDManager manager) {
        if (!(tensor.storage() instanceof DjlStorage)) {
            throw new IllegalArgumentException("view needs a tensor of the 'djl' backend, got one of '"
                    + tensor.backend().name() + "'; use DjlTensors.toNDArray for a copy");
        }
        NDArray source = ((DjlStorage) tensor.storage()).array();
        if (!(manager instanceof PtNDManager) || !sameDevice(source, manager)) {
            throw new IllegalArgumentException("view needs a PyTorch NDManager on " + source.getDevice() + ", got "
                    + manager.getClass().getSimpleName() + " on " + manager.getDevice()
                    + "; use DjlTensors.toNDArray for a copy");
        }
        NDArray view = source.reshape(shapeOf(tensor));
        view.attach(manager);
        return view;
    }

    /**
     * A copy of {@code array} as a new tensor on {@code backend}, of the same shape and dtype; the array
     * may be of any DJL engine and need not be contiguous.
     *
     * @throws IllegalArgumentException for a data type other than float32, int32 and int64, or a
     *     dimension too large for this API's {@code int} sizes
     */
    public static Tensor fromNDArray(NDArray array, Backend backend) {
        DType dtype = DTypes.fromDjl(array.getDataType());
        org.llmfromscratch.api.Shape shape = shapeOf(array.getShape());
        Kernels kernels = backend.kernels();
        if (array instanceof PtNDArray) {
            // One native copy into a fresh contiguous tensor: flatten() is a view, or a contiguous copy when
            // the array's strides do not allow one; a clone of a 1-D tensor is always contiguous.
            try (KernelScope scope = new KernelScope(array.getManager(), array)) {
                NDArray flat = scope.track(JniUtils.clone((PtNDArray) scope.track(array.flatten())));
                if (kernels instanceof DjlKernels) {
                    DjlKernels djl = (DjlKernels) kernels;
                    NDArray owned = sameDevice(flat, djl.root())
                            ? flat
                            : scope.track(flat.toDevice(djl.root().getDevice(), true));
                    return backend.wrap(shape, new DjlStorage(scope.keep(owned, djl.root()), dtype));
                }
                return wrapCopy(backend, shape, dtype, flat);
            }
        }
        return wrapCopy(backend, shape, dtype, array);
    }

    private static Tensor wrapCopy(Backend backend, org.llmfromscratch.api.Shape shape, DType dtype, NDArray array) {
        boolean torch = array instanceof PtNDArray; // contiguous here: read through one direct buffer
        switch (dtype) {
            case FLOAT32:
                return backend.adopt(shape, torch ? NdBuffers.floats(array) : array.toFloatArray());
            case INT32:
                return backend.adopt(shape, torch ? NdBuffers.ints(array) : array.toIntArray());
            default:
                return backend.adopt(shape, torch ? NdBuffers.longs(array) : array.toLongArray());
        }
    }

    /** DJL's data type for one of ours. */
    public static DataType dataType(DType dtype) {
        return DTypes.toDjl(dtype);
    }

    /**
     * Our dtype for one of DJL's.
     *
     * @throws IllegalArgumentException for a type other than float32, int32 and int64
     */
    public static DType dtype(DataType type) {
        return DTypes.fromDjl(type);
    }

    private static boolean sameDevice(NDArray array, NDManager manager) {
        return array.getDevice().equals(manager.getDevice());
    }

    private static Shape shapeOf(Tensor tensor) {
        long[] dims = new long[tensor.dim()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = tensor.size(i);
        }
        return new Shape(dims);
    }

    private static org.llmfromscratch.api.Shape shapeOf(Shape shape) {
        int[] dims = new int[shape.dimension()];
        for (int i = 0; i < dims.length; i++) {
            long d = shape.get(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("NDArray of shape " + shape + " has dimension " + i + " of size " + d
                        + ", expected 0.." + Integer.MAX_VALUE);
            }
            dims[i] = (int) d;
        }
        return org.llmfromscratch.api.Shape.of(dims);
    }
}
