package org.llmfromscratch.api;

import java.util.Objects;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;

/**
 * A compute backend, the counterpart of a {@code torch.device}: it creates tensors, and every tensor
 * computes on the backend that created it. Get one from {@link Backends#get()} or
 * {@link Backends#get(String)}; discovery hands out one instance per backend name, so tensors from two
 * calls to {@code Backends.get("java")} may be mixed.
 *
 * <pre>{@code
 * Backend backend = Backends.get();                                   // or Backends.get("nd4j")
 * Tensor ids = backend.tensor(new int[][] {{40, 367, 2885, 1464}});   // torch.tensor([[40, 367, ...]])
 * Tensor x = backend.zeros(DType.FLOAT32, 2, 3);                      // torch.zeros(2, 3)
 * }</pre>
 *
 * <p>Factory methods copy the Java arrays they are given; jagged arrays are rejected with the row
 * that differs.
 */
public final class Backend {
    private final String name;
    private final Kernels kernels;

    private Backend(String name, Kernels kernels) {
        this.name = Objects.requireNonNull(name, "name");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    /**
     * Wraps kernels as a backend without discovery: for backend authors' tests. Users should call
     * {@link Backends#get(String)} instead so that tensors share one backend instance.
     */
    public static Backend of(String name, Kernels kernels) {
        return new Backend(name, kernels);
    }

    /** The name it is selected by, e.g. {@code java}. */
    public String name() {
        return name;
    }

    /** Where it computes, e.g. {@code CPU, Java heap, 2 threads}. */
    public String device() {
        return kernels.device();
    }

    /** The backend's kernels, for backend authors and interop code. */
    public Kernels kernels() {
        return kernels;
    }

    /** A FLOAT32 tensor of the given shape from row-major data; the array is copied. */
    public Tensor fromFloats(Shape shape, float[] data) {
        checkLength(shape, data.length);
        return wrap(shape, kernels.fromFloats(data.clone()));
    }

    /** An INT32 tensor of the given shape from row-major data; the array is copied. */
    public Tensor fromInts(Shape shape, int[] data) {
        checkLength(shape, data.length);
        return wrap(shape, kernels.fromInts(data.clone()));
    }

    /** An INT64 tensor of the given shape from row-major data; the array is copied. */
    public Tensor fromLongs(Shape shape, long[] data) {
        checkLength(shape, data.length);
        return wrap(shape, kernels.fromLongs(data.clone()));
    }

    /** {@code torch.tensor(values)}: 1-D FLOAT32. */
    public Tensor tensor(float[] values) {
        return fromFloats(Shape.of(values.length), values);
    }

    /** {@code torch.tensor(values)}: 2-D FLOAT32. */
    public Tensor tensor(float[][] values) {
        return adopt(JavaArrays.shapeOf(values), JavaArrays.flatten(values));
    }

    /** {@code torch.tensor(values)}: 3-D FLOAT32. */
    public Tensor tensor(float[][][] values) {
        return adopt(JavaArrays.shapeOf(values), JavaArrays.flatten(values));
    }

    /** 1-D INT32 token ids. */
    public Tensor tensor(int[] values) {
        return fromInts(Shape.of(values.length), values);
    }

    /** 2-D INT32 token ids, e.g. a batch {@code [B, T]}. */
    public Tensor tensor(int[][] values) {
        return adopt(JavaArrays.shapeOf(values), JavaArrays.flatten(values));
    }

    /** 3-D INT32 token ids. */
    public Tensor tensor(int[][][] values) {
        return adopt(JavaArrays.shapeOf(values), JavaArrays.flatten(values));
    }

    /** 1-D INT64 values, {@code torch.tensor(values)} of Python ints. */
    public Tensor tensor(long[] values) {
        return fromLongs(Shape.of(values.length), values);
    }

    /** 2-D INT64 values. */
    public Tensor tensor(long[][] values) {
        return adopt(JavaArrays.shapeOf(values), JavaArrays.flatten(values));
    }

    /** A 0-d FLOAT32 tensor, {@code torch.tensor(value)}. */
    public Tensor scalar(float value) {
        return wrap(Shape.of(), kernels.fromFloats(new float[] {value}));
    }

    /** {@code torch.zeros(shape, dtype=dtype)}. */
    public Tensor zeros(DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        return wrap(s, kernels.zeros(dtype, s.numel()));
    }

    /** {@code torch.rand(shape, generator=generator)}: float uniforms in [0, 1), drawn as PyTorch draws them. */
    public Tensor rand(Generator generator, int... shape) {
        Shape s = Shape.of(shape);
        return adopt(s, generator.rand(Math.toIntExact(s.numel())));
    }

    /** {@code torch.randn(shape, generator=generator)}: standard normals, drawn as PyTorch draws them. */
    public Tensor randn(Generator generator, int... shape) {
        Shape s = Shape.of(shape);
        return adopt(s, generator.normal(Math.toIntExact(s.numel())));
    }

    /** {@code torch.ones(shape)} (FLOAT32). */
    public Tensor ones(int... shape) {
        Shape s = Shape.of(shape);
        float[] v = new float[Math.toIntExact(s.numel())];
        java.util.Arrays.fill(v, 1f);
        return adopt(s, v);
    }

    /** {@code torch.arange(end)}: INT64 {@code 0, 1, ..., end-1}. */
    public Tensor arange(long end) {
        return arange(0, end);
    }

    /** {@code torch.arange(start, end)}: INT64 {@code start, ..., end-1}. */
    public Tensor arange(long start, long end) {
        if (end < start || end - start > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "arange(" + start + ", " + end + "): end must be >= start and the" + " length must fit an int");
        }
        long[] v = new long[(int) (end - start)];
        for (int i = 0; i < v.length; i++) {
            v[i] = start + i;
        }
        return wrap(Shape.of(v.length), kernels.fromLongs(v));
    }

    /**
     * A tensor over storage this backend's kernels made, for backend authors and interop. The new
     * tensor owns the storage and releases it when closed, so the storage must not belong to another
     * tensor (share memory between tensors with {@link Tensor#reshape} instead).
     */
    public Tensor wrap(Shape shape, Storage storage) {
        return new Tensor(this, shape, new StorageRef(storage));
    }

    /**
     * A FLOAT32 tensor over {@code data} without a copy: the backend takes the array over, and the caller
     * must never read or write it again. For code that has just filled a fresh array (a data loader
     * assembling a batch); everyone else should use {@link #fromFloats}, which copies.
     */
    public Tensor adopt(Shape shape, float[] data) {
        checkLength(shape, data.length);
        return wrap(shape, kernels.fromFloats(data));
    }

    /** An INT32 tensor over {@code data} without a copy; the array is handed over as in {@link #adopt(Shape, float[])}. */
    public Tensor adopt(Shape shape, int[] data) {
        checkLength(shape, data.length);
        return wrap(shape, kernels.fromInts(data));
    }

    /** An INT64 tensor over {@code data} without a copy; the array is handed over as in {@link #adopt(Shape, float[])}. */
    public Tensor adopt(Shape shape, long[] data) {
        checkLength(shape, data.length);
        return wrap(shape, kernels.fromLongs(data));
    }

    private static void checkLength(Shape shape, int length) {
        if (shape.numel() != length) {
            throw new IllegalArgumentException(
                    "shape " + shape + " needs " + shape.numel() + " elements, got " + length);
        }
    }

    @Override
    public String toString() {
        return "Backend[" + name + ", " + device() + "]";
    }
}
