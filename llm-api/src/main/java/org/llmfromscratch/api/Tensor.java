package org.llmfromscratch.api;

import java.util.concurrent.atomic.AtomicBoolean;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;

/**
 * An n-dimensional array on one {@link Backend}, the counterpart of {@code torch.Tensor}.
 *
 * <p>Tensors are immutable: every operation returns a new tensor ({@link #reshape} returns a view
 * that shares memory, as in PyTorch). Every operation checks its arguments here, once for all backends,
 * and throws {@link IllegalArgumentException} naming the bad value and what was expected: shapes that do
 * not broadcast, a token id outside the table, an integer tensor where floats are needed, tensors of two
 * different backends in one operation.
 *
 * <p><b>Lifetime.</b> A tensor may hold native or device memory, so it is {@link AutoCloseable}; see
 * {@link TensorScope} for the ownership rule. Any use after {@link #close()} throws
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * Tensor a = backend.tensor(new float[][] {{1, 2, 3}, {4, 5, 6}});   // torch.tensor([[1., 2., 3.], [4., 5., 6.]])
 * Tensor b = backend.tensor(new float[] {10, 20, 30});
 * Tensor c = a.add(b);                                               // a + b, broadcast: [2, 3]
 * }</pre>
 */
public final class Tensor implements AutoCloseable {
    private final Backend backend;
    private final Shape shape;
    private final StorageRef ref;
    private final AtomicBoolean closed = new AtomicBoolean();

    Tensor(Backend backend, Shape shape, StorageRef ref) {
        if (ref.storage().size() != shape.numel()) {
            throw new IllegalArgumentException("storage of " + ref.storage().size() + " elements cannot have shape "
                    + shape + " (" + shape.numel() + " elements)");
        }
        this.backend = backend;
        this.shape = shape;
        this.ref = ref;
        TensorScope.adopt(this);
    }

    /** The backend whose memory holds this tensor. */
    public Backend backend() {
        return backend;
    }

    /** The size, like {@code tensor.shape}. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return ref.storage().dtype();
    }

    /** Number of dimensions, like {@code tensor.dim()}. */
    public int dim() {
        return shape.rank();
    }

    /** Size of one dimension (negative counts from the end), like {@code tensor.size(d)}. */
    public int size(int dim) {
        return shape.size(dim);
    }

    /** Number of elements, like {@code tensor.numel()}. */
    public long numel() {
        return shape.numel();
    }

    /** {@code this + other} with broadcasting; both FLOAT32. */
    public Tensor add(Tensor other) {
        return binary(BinaryOp.ADD, other);
    }

    /** {@code this - other} with broadcasting; both FLOAT32. */
    public Tensor sub(Tensor other) {
        return binary(BinaryOp.SUB, other);
    }

    private Tensor binary(BinaryOp op, Tensor other) {
        String what = op.name().toLowerCase();
        sameBackend(what, other);
        requireFloat(what, this);
        requireFloat(what, other);
        Shape out = Shape.broadcast(shape, other.shape);
        if (out.numel() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " of " + shape + " and " + other.shape + " would broadcast to "
                    + out + ", " + out.numel() + " elements: more than one tensor can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
        int rank = out.rank();
        Storage result = kernels().broadcast(op, storage(), shape.paddedTo(rank), other.storage(),
                other.shape.paddedTo(rank), out.toArray());
        return backend.wrap(out, result);
    }

    /**
     * The embedding lookup {@code weight[ids]}: this tensor is a FLOAT32 table {@code [rows, dim]},
     * {@code ids} INT32 or INT64 ids of any shape; the result has shape {@code ids.shape + [dim]}.
     *
     * @throws IllegalArgumentException for float ids, or an id outside {@code 0..rows-1} (naming the
     *     id, its position and the valid range)
     */
    public Tensor gatherRows(Tensor ids) {
        sameBackend("gatherRows", ids);
        requireFloat("gatherRows", this);
        if (dim() != 2) {
            throw new IllegalArgumentException("gatherRows needs a 2-D table [rows, dim], got shape " + shape);
        }
        TokenIds.check(ids, size(0), "the embedding table");
        Shape out = ids.shape.append(size(1));
        return backend.wrap(out, kernels().gatherRows(storage(), size(1), ids.storage()));
    }

    /** The sum of all elements, a 0-d tensor: FLOAT32 for floats, INT64 for integers, like {@code torch.sum}. */
    public Tensor sum() {
        switch (dtype()) {
            case FLOAT32: return backend.scalar((float) kernels().sum(storage()));
            // Integers are summed exactly in long on the host: a double loses ids past 2^53.
            case INT32: return backend.fromLongs(Shape.of(), new long[] {java.util.Arrays.stream(toIntArray()).asLongStream().sum()});
            default: return backend.fromLongs(Shape.of(), new long[] {java.util.Arrays.stream(toLongArray()).sum()});
        }
    }

    /** The mean of all elements, a 0-d FLOAT32 tensor; like PyTorch, only for floating tensors. */
    public Tensor mean() {
        requireFloat("mean", this);
        double s = kernels().sum(storage());
        return backend.scalar((float) (s / numel()));
    }

    /** The L2 (Frobenius) norm of all elements, like {@code torch.norm(t)}: a 0-d FLOAT32 tensor. */
    public Tensor norm() {
        requireFloat("norm", this);
        return backend.scalar((float) Math.sqrt(kernels().sumOfSquares(storage())));
    }

    /**
     * A view with a new shape and the same elements, like {@code tensor.reshape}; one size may be -1
     * and is inferred. The view shares memory: the memory is freed when the last view is closed.
     */
    public Tensor reshape(int... sizes) {
        Shape target = Shape.of(Reshapes.resolve(shape, sizes));
        checkOpen();
        return new Tensor(backend, target, ref.retain());
    }

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code dim}, like
     * {@code t[:, start:end]}; negative indices count from the end as in Python. Unlike PyTorch the
     * result is a copy, not a view.
     */
    public Tensor slice(int dim, int start, int end) {
        int d = shape.normalizeDim(dim);
        int n = shape.size(d);
        int s = Reshapes.sliceIndex(start, n, "start", dim, shape);
        int e = Reshapes.sliceIndex(end, n, "end", dim, shape);
        if (e < s) {
            throw new IndexOutOfBoundsException("slice end " + end + " comes before start " + start
                    + " in dimension " + dim + " of shape " + shape);
        }
        long outer = 1;
        long inner = 1;
        for (int i = 0; i < d; i++) {
            outer *= shape.size(i);
        }
        for (int i = d + 1; i < dim(); i++) {
            inner *= shape.size(i);
        }
        Storage out = kernels().slice(storage(), outer, n, inner, s, e);
        return backend.wrap(shape.withSize(d, e - s), out);
    }

    /** One index along {@code dim}, removing that dimension, like {@code t[i]} for dim 0. */
    public Tensor select(int dim, int index) {
        int d = shape.normalizeDim(dim);
        int i = index < 0 ? index + shape.size(d) : index;
        if (i < 0 || i >= shape.size(d)) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for dimension " + dim
                    + " of size " + shape.size(d) + " in shape " + shape);
        }
        try (Tensor part = slice(d, i, i + 1)) {
            int[] sizes = new int[dim() - 1];
            for (int k = 0, j = 0; k < dim(); k++) {
                if (k != d) {
                    sizes[j++] = shape.size(k);
                }
            }
            return part.copyAs(Shape.of(sizes));
        }
    }

    /** A copy of this tensor on {@code target}, like {@code tensor.to(device)}; same backend gives a copy too. */
    public Tensor to(Backend target) {
        switch (dtype()) {
            case FLOAT32: return target.fromFloats(shape, toFloatArray());
            case INT32: return target.fromInts(shape, toIntArray());
            default: return target.fromLongs(shape, toLongArray());
        }
    }

    /** The elements of a FLOAT32 tensor, flattened in row-major order (a copy). */
    public float[] toFloatArray() {
        requireDType(DType.FLOAT32, "toFloatArray");
        return kernels().readFloats(storage());
    }

    /** The elements of an INT32 tensor, flattened in row-major order (a copy). */
    public int[] toIntArray() {
        requireDType(DType.INT32, "toIntArray");
        return kernels().readInts(storage());
    }

    /** The elements of an INT64 tensor, flattened in row-major order (a copy). */
    public long[] toLongArray() {
        requireDType(DType.INT64, "toLongArray");
        return kernels().readLongs(storage());
    }

    /** The elements as doubles, whatever the dtype (a copy). */
    public double[] toDoubleArray() {
        switch (dtype()) {
            case FLOAT32: {
                float[] f = toFloatArray();
                double[] out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                return out;
            }
            case INT32: return java.util.Arrays.stream(toIntArray()).asDoubleStream().toArray();
            default: return java.util.Arrays.stream(toLongArray()).asDoubleStream().toArray();
        }
    }

    /** The only element of a one-element tensor, like {@code tensor.item()}. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item() needs a tensor with exactly one element, got shape " + shape);
        }
        return toDoubleArray()[0];
    }

    /**
     * True when both have the same shape, dtype and equal elements, like {@code torch.equal}: compared as
     * numbers, so {@code 0.0} equals {@code -0.0} and NaN equals nothing; integers exactly.
     */
    public boolean equal(Tensor other) {
        sameBackend("equal", other);
        return TensorComparison.equal(this, other);
    }

    /**
     * {@code torch.allclose}: same shape and {@code |a - b| <= atol + rtol * |b|} for every element;
     * equal infinities are close, NaNs never.
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        sameBackend("allClose", other);
        return TensorComparison.allClose(this, other, rtol, atol);
    }

    /** {@link #allClose(Tensor, double, double)} with PyTorch's defaults, rtol 1e-5 and atol 1e-8. */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /** Frees this tensor's memory (shared with its reshaped views until the last closes); idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ref.release();
        }
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * The backend storage, for backend authors and interop (for example, handing the data to DJL).
     *
     * @throws IllegalStateException if the tensor was closed
     */
    public Storage storage() {
        checkOpen();
        return ref.storage();
    }

    /** PyTorch's format: {@code tensor([[ 0.3374, -0.1778, -0.1690]])}, abbreviated for big tensors. */
    @Override
    public String toString() {
        if (isClosed()) {
            return "tensor(<closed>, shape=" + shape + ", dtype=" + dtype().torchName() + ")";
        }
        return TensorFormatter.format(this);
    }

    Tensor copyAs(Shape newShape) {
        checkOpen();
        return new Tensor(backend, newShape, ref.retain());
    }

    private Kernels kernels() {
        checkOpen();
        return backend.kernels();
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this tensor (shape " + shape + ", " + dtype() + ", backend '"
                    + backend.name() + "') was closed; it cannot be used after close()");
        }
    }

    void sameBackend(String op, Tensor other) {
        checkOpen();
        other.checkOpen();
        if (other.backend != backend) {
            throw new IllegalArgumentException(op + " got tensors of two backends, '" + backend.name() + "' and '"
                    + other.backend.name() + "'; move one with tensor.to(backend) first");
        }
    }

    private void requireDType(DType expected, String op) {
        checkOpen();
        if (dtype() != expected) {
            throw new IllegalArgumentException(op + " needs a " + expected + " tensor, got " + dtype());
        }
    }

    static void requireFloat(String op, Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + " needs FLOAT32 tensors, got " + t.dtype() + " of shape "
                    + t.shape + (t.dtype().isInteger() ? " (token ids are looked up with gatherRows, not added)" : ""));
        }
    }
}
