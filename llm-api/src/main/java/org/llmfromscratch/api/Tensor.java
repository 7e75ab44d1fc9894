package org.llmfromscratch.api;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;

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
 * <p><b>Autograd.</b> As in PyTorch, a leaf tensor that {@link #requiresGrad(boolean) requires grad}
 * (module parameters do) makes every result computed from it record how it was made ({@link #gradFn()});
 * {@link #backward()} on a scalar result then fills {@link #grad()} of every such leaf, accumulating
 * across calls until {@link #zeroGrad()}. Inside {@link NoGrad} nothing is recorded. The graph holds what
 * it needs for the backward pass (views of saved tensors), so the tensors you created may be closed
 * before {@code backward()}; it is freed by {@code backward()} (a second backward through it is an error
 * unless the first one retained it) or when its output tensor is closed without a backward. A leaf owns
 * its {@code grad} and closes it with itself.
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
    private volatile StorageRef ref;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger version = new AtomicInteger();
    private volatile boolean requiresGrad;
    private Node gradFn;
    private Tensor grad;

    Tensor(Backend backend, Shape shape, StorageRef ref) {
        this(backend, shape, ref, true);
    }

    private Tensor(Backend backend, Shape shape, StorageRef ref, boolean scoped) {
        if (ref.storage().size() != shape.numel()) {
            throw new IllegalArgumentException("storage of " + ref.storage().size() + " elements cannot have shape "
                    + shape + " (" + shape.numel() + " elements)");
        }
        this.backend = backend;
        this.shape = shape;
        this.ref = ref;
        if (scoped) {
            TensorScope.adopt(this);
        }
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
        return Elementwise.binary(BinaryOp.ADD, this, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return withConstant(value, c -> Elementwise.binary(BinaryOp.ADD, this, c));
    }

    /** {@code this - other} with broadcasting; both FLOAT32. */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(BinaryOp.SUB, this, other);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return withConstant(value, c -> Elementwise.binary(BinaryOp.SUB, this, c));
    }

    /** {@code this * other} with broadcasting, element-wise; both FLOAT32. */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(BinaryOp.MUL, this, other);
    }

    /** {@code this * value}. */
    public Tensor mul(double value) {
        return withConstant(value, c -> Elementwise.binary(BinaryOp.MUL, this, c));
    }

    /** {@code this / other} with broadcasting, element-wise; both FLOAT32. */
    public Tensor div(Tensor other) {
        return Elementwise.binary(BinaryOp.DIV, this, other);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return withConstant(value, c -> Elementwise.binary(BinaryOp.DIV, this, c));
    }

    /** {@code torch.maximum(this, other)} with broadcasting; no gradient. */
    public Tensor maximum(Tensor other) {
        return Elementwise.binary(BinaryOp.MAXIMUM, this, other);
    }

    /** {@code (this == other).float()}: 1 where equal, else 0; no gradient. */
    public Tensor eq(Tensor other) {
        return Elementwise.binary(BinaryOp.EQ, this, other);
    }

    /** {@code (this > other).float()}: 1 where greater, else 0; no gradient. */
    public Tensor gt(Tensor other) {
        return Elementwise.binary(BinaryOp.GT, this, other);
    }

    /** {@code this ** exponent}, element-wise ({@code torch.pow} with a scalar exponent). */
    public Tensor pow(double exponent) {
        return Elementwise.pow(this, exponent);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Elementwise.unary(UnaryOp.NEG, this);
    }

    /** {@code torch.abs}. */
    public Tensor abs() {
        return Elementwise.unary(UnaryOp.ABS, this);
    }

    /** {@code torch.exp}. */
    public Tensor exp() {
        return Elementwise.unary(UnaryOp.EXP, this);
    }

    /** {@code torch.log} (natural logarithm). */
    public Tensor log() {
        return Elementwise.unary(UnaryOp.LOG, this);
    }

    /** {@code torch.sqrt}. */
    public Tensor sqrt() {
        return Elementwise.unary(UnaryOp.SQRT, this);
    }

    /** {@code torch.tanh}. */
    public Tensor tanh() {
        return Elementwise.unary(UnaryOp.TANH, this);
    }

    /** {@code torch.relu}. */
    public Tensor relu() {
        return Elementwise.unary(UnaryOp.RELU, this);
    }

    /** GELU with the tanh approximation, as the book's {@code GELU} module. */
    public Tensor gelu() {
        return Elementwise.unary(UnaryOp.GELU, this);
    }

    /**
     * Matrix product {@code this @ other}, like {@code torch.matmul} for operands of 2 or more dimensions:
     * the last two dimensions multiply ({@code [.., m, k] @ [.., k, n]}) and the leading (batch) dimensions
     * broadcast.
     */
    public Tensor matmul(Tensor other) {
        return MatrixProduct.matmul(this, other, false, false);
    }

    /**
     * {@code this @ other.transpose(-2, -1)} without copying {@code other}: {@code other} is
     * {@code [.., n, k]}. This is how {@code nn.Linear} multiplies by its {@code [out, in]} weight and how
     * attention multiplies queries by keys.
     */
    public Tensor matmulTransposed(Tensor other) {
        return MatrixProduct.matmul(this, other, false, true);
    }

    /** {@code torch.softmax(this, dim)}. */
    public Tensor softmax(int dim) {
        return SoftmaxOps.softmax(this, dim, false);
    }

    /** {@code torch.log_softmax(this, dim)}. */
    public Tensor logSoftmax(int dim) {
        return SoftmaxOps.softmax(this, dim, true);
    }

    /**
     * {@code this.masked_fill(mask, value)}: {@code value} wherever {@code mask} (any dtype, non-zero
     * means masked, broadcast to this shape) is set; the gradient flows only to the unmasked elements.
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return SoftmaxOps.maskedFill(this, mask, (float) value);
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
        return Gathers.embedding(this, ids, null, false);
    }

    /** The sum of all elements, a 0-d tensor: FLOAT32 for floats, INT64 for integers, like {@code torch.sum}. */
    public Tensor sum() {
        switch (dtype()) {
            case FLOAT32:
                return Reductions.sumAll(this);
                // Integers are summed exactly in long on the host: a double loses ids past 2^53.
            case INT32:
                return backend.fromLongs(Shape.of(), new long[] {
                    java.util.Arrays.stream(toIntArray()).asLongStream().sum()
                });
            default:
                return backend.fromLongs(
                        Shape.of(),
                        new long[] {java.util.Arrays.stream(toLongArray()).sum()});
        }
    }

    /** {@code torch.sum(this, dim, keepdim)} of a FLOAT32 tensor. */
    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.sum(this, dim, keepdim);
    }

    /** The mean of all elements, a 0-d FLOAT32 tensor; like PyTorch, only for floating tensors. */
    public Tensor mean() {
        requireFloat("mean", this);
        return Reductions.sumAll(this).div(numel());
    }

    /** {@code torch.mean(this, dim, keepdim)}. */
    public Tensor mean(int dim, boolean keepdim) {
        int d = shape.normalizeDim(dim);
        return Reductions.sum(this, d, keepdim).div(shape.size(d));
    }

    /**
     * The largest elements along {@code dim} ({@code torch.amax(this, dim, keepdim)}, the values of
     * {@code torch.max(this, dim)}); the gradient is shared evenly by tied maxima, as {@code amax}'s.
     */
    public Tensor max(int dim, boolean keepdim) {
        return Reductions.max(this, dim, keepdim);
    }

    /** The L2 (Frobenius) norm of all elements, like {@code torch.norm(t)}: a 0-d FLOAT32 tensor (no gradient). */
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
        return Movement.view(this, target);
    }

    /** {@code tensor.view(sizes)}: the same as {@link #reshape} (every tensor here is contiguous). */
    public Tensor view(int... sizes) {
        return reshape(sizes);
    }

    /** {@code tensor.contiguous()}: a view of the same memory (every tensor here is already contiguous). */
    public Tensor contiguous() {
        return Movement.view(this, shape);
    }

    /** {@code tensor.transpose(dim0, dim1)}; unlike PyTorch the result is a contiguous copy. */
    public Tensor transpose(int dim0, int dim1) {
        return Movement.transpose(this, dim0, dim1);
    }

    /** {@code tensor.permute(dims)}; unlike PyTorch the result is a contiguous copy. */
    public Tensor permute(int... dims) {
        return Movement.permute(this, dims);
    }

    /** {@code torch.cat(tensors, dim)}: every tensor has the same shape except along {@code dim}. */
    public static Tensor cat(java.util.List<Tensor> tensors, int dim) {
        return Movement.cat(tensors, dim);
    }

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code dim}, like
     * {@code t[:, start:end]}; negative indices count from the end as in Python. Unlike PyTorch the
     * result is a copy, not a view.
     */
    public Tensor slice(int dim, int start, int end) {
        return Movement.slice(this, dim, start, end);
    }

    /**
     * {@code t[:, start:start + n] = source} along {@code dim}, in place ({@code t.narrow(dim, start, n).copy_(source)}),
     * with {@code n = source.size(dim)}; {@code source} has this tensor's shape except along {@code dim} (FLOAT32). For
     * buffers outside autograd, such as a key-value cache: it refuses a target that requires grad and a source
     * that records a graph. The version increases, as after any change in place.
     *
     * @throws IllegalArgumentException for other shapes, dtypes or backends, or rows past the end
     */
    public void setSlice(int dim, int start, Tensor source) {
        Movement.setSlice(this, dim, start, source);
    }

    /** One index along {@code dim}, removing that dimension, like {@code t[i]} for dim 0. */
    public Tensor select(int dim, int index) {
        int d = shape.normalizeDim(dim);
        int i = index < 0 ? index + shape.size(d) : index;
        if (i < 0 || i >= shape.size(d)) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for dimension " + dim + " of size "
                    + shape.size(d) + " in shape " + shape);
        }
        try (Tensor part = slice(d, i, i + 1)) {
            int[] sizes = new int[dim() - 1];
            for (int k = 0, j = 0; k < dim(); k++) {
                if (k != d) {
                    sizes[j++] = shape.size(k);
                }
            }
            return Movement.view(part, Shape.of(sizes));
        }
    }

    /** A copy of this tensor on {@code target}, like {@code tensor.to(device)}; same backend gives a copy too. */
    public Tensor to(Backend target) {
        switch (dtype()) {
            case FLOAT32:
                return target.fromFloats(shape, toFloatArray());
            case INT32:
                return target.fromInts(shape, toIntArray());
            default:
                return target.fromLongs(shape, toLongArray());
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
            case INT32:
                return java.util.Arrays.stream(toIntArray()).asDoubleStream().toArray();
            default:
                return java.util.Arrays.stream(toLongArray()).asDoubleStream().toArray();
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
            Node node = gradFn;
            if (node != null) {
                gradFn = null;
                node.release();
            }
            Tensor g = grad;
            if (g != null) {
                grad = null;
                g.close();
            }
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

    // ---- autograd -----------------------------------------------------------------------------------

    /** {@code tensor.requires_grad}: true for leaves marked so and for results computed from them. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * {@code tensor.requires_grad_(flag)} on a leaf FLOAT32 tensor: with {@code true}, results computed from
     * it record their graph and {@link #backward()} fills its {@link #grad()}.
     *
     * @throws IllegalArgumentException for a non-leaf (a computed result) or an integer tensor
     */
    public Tensor requiresGrad(boolean flag) {
        checkOpen();
        if (gradFn != null) {
            throw new IllegalArgumentException(
                    "requiresGrad can only be changed on leaf tensors; this one was computed by " + gradFn.name
                            + " (use detach() for a leaf copy)");
        }
        if (flag && dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("only FLOAT32 tensors can require gradients, got " + dtype());
        }
        requiresGrad = flag;
        return this;
    }

    /** True for tensors not computed by a recorded operation ({@code tensor.is_leaf}). */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The name of the operation that computed this tensor ({@code grad_fn}), e.g. {@code "MulBackward"}, or null. */
    public String gradFnName() {
        Node n = gradFn;
        return n == null ? null : n.name;
    }

    /**
     * The accumulated gradient of a leaf ({@code tensor.grad}), or null before any backward or after
     * {@link #zeroGrad()}. It belongs to this tensor: read it, do not close it.
     */
    public Tensor grad() {
        return grad;
    }

    /** {@code tensor.grad = None}: frees the gradient (PyTorch 2's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Clears the gradient: with {@code setToNone} it is freed, else filled with zeros in place, so the next
     * backward accumulates into the same memory ({@code zero_grad(set_to_none=False)}).
     */
    public void zeroGrad(boolean setToNone) {
        Tensor g = grad;
        if (g == null) {
            return;
        }
        if (setToNone) {
            grad = null;
            g.close();
        } else {
            try (Tensor zeros = backend.zeros(DType.FLOAT32, shape.toArray())) {
                TensorScope.detach(zeros);
                kernels().copyInto(g.storage(), zeros.storage());
            }
            g.markModifiedInPlace();
        }
    }

    /**
     * {@code loss.backward()} for a one-element tensor: the gradient of this value with respect to every
     * leaf that requires grad is added to that leaf's {@link #grad()}; the graph is then freed.
     *
     * @throws IllegalArgumentException if this tensor has more than one element (pass a gradient), or
     *     neither requires grad nor was computed from a tensor that does
     * @throws IllegalStateException if the graph was already freed by an earlier backward
     */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalArgumentException("grad can be implicitly created only for scalar outputs; this tensor has"
                    + " shape " + shape + ": call backward(gradient) with a gradient of that shape");
        }
        try (Tensor one = backend.fromFloats(shape, new float[] {1f})) {
            TensorScope.detach(one);
            backward(one, false);
        }
    }

    /** {@code tensor.backward(gradient)}: {@code gradient} has this tensor's shape; the graph is then freed. */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /** {@code tensor.backward(gradient, retain_graph=retainGraph)}. */
    public void backward(Tensor gradient, boolean retainGraph) {
        checkOpen();
        sameBackend("backward", gradient);
        if (!requiresGrad) {
            throw new IllegalArgumentException("element 0 of tensors does not require grad and does not have a grad_fn:"
                    + " this tensor (shape " + shape + ") was not computed from any tensor that requires grad");
        }
        if (!gradient.shape.equals(shape) || gradient.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("the gradient passed to backward must be FLOAT32 of the output's shape "
                    + shape + ", got " + gradient.shape + " " + gradient.dtype());
        }
        Autograd.backward(this, gradient, retainGraph);
    }

    /**
     * {@code tensor.detach()}: a new leaf that shares this tensor's memory and records nothing; the caller
     * owns it (closing it does not close this tensor's memory while either is open).
     */
    public Tensor detach() {
        checkOpen();
        return new Tensor(backend, shape, ref.retain());
    }

    /** How often this tensor's memory was changed in place (PyTorch's version counter). */
    int version() {
        return version.get();
    }

    /**
     * Records that this tensor's memory was changed in place through its {@link #storage()} (an optimizer's
     * fused update does this): graphs that saved the old values then refuse to run backward, as PyTorch's
     * version counter makes them.
     */
    public void markModifiedInPlace() {
        checkOpen();
        version.incrementAndGet();
    }

    Node gradFn() {
        return gradFn;
    }

    /** Makes this freshly computed tensor the output of {@code node}. */
    Tensor attach(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
        return this;
    }

    /** A new tensor of shape {@code newShape} over this one's memory (same element count), owned like any result. */
    Tensor shareAs(Shape newShape) {
        checkOpen();
        return new Tensor(backend, newShape, ref.retain());
    }

    /** A tensor sharing this one's memory that no scope owns: for the graph and the autograd engine. */
    Tensor unscopedView() {
        checkOpen();
        return new Tensor(backend, shape, ref.retain(), false);
    }

    /** Adds {@code g} (owned by the caller, handed over) into this leaf's gradient. */
    synchronized void accumulateGrad(Tensor g) {
        if (grad == null) {
            TensorScope.detach(g);
            grad = g;
            return;
        }
        kernels().accumulate(grad.storage(), g.storage());
        grad.markModifiedInPlace();
        g.close();
    }

    /**
     * Replaces this leaf's memory with {@code source}'s ({@code param.data = source}) and closes
     * {@code source}: the tensor object, its {@code requires_grad} and its gradient stay. Its version
     * increases, so a graph that saved the old values refuses to run backward.
     *
     * @throws IllegalArgumentException if this tensor is not a leaf, or shapes, dtypes or backends differ
     */
    public void assign(Tensor source) {
        sameBackend("assign", source);
        if (gradFn != null) {
            throw new IllegalArgumentException(
                    "assign is only for leaf tensors; this one was computed by " + gradFn.name);
        }
        if (!source.shape.equals(shape) || source.dtype() != dtype()) {
            throw new IllegalArgumentException("cannot assign a tensor of shape " + source.shape + " " + source.dtype()
                    + " to one of shape " + shape + " " + dtype());
        }
        StorageRef old = ref;
        ref = source.ref.retain();
        source.close();
        version.incrementAndGet();
        old.release();
    }

    /** Applies {@code op} with a 0-d constant on this backend, then frees the constant (a graph keeps its own view). */
    private Tensor withConstant(double value, java.util.function.Function<Tensor, Tensor> op) {
        Tensor c = backend.scalar((float) value);
        TensorScope.detach(c);
        try {
            return op.apply(c);
        } finally {
            c.close();
        }
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
            throw new IllegalArgumentException(op + " needs FLOAT32 tensors, got " + t.dtype() + " of shape " + t.shape
                    + (t.dtype().isInteger() ? " (token ids are looked up with gatherRows, not added)" : ""));
        }
    }
}
