package org.llmfromscratch.api;

import java.util.Arrays;

/**
 * The immutable size of a {@link Tensor}, like {@code torch.Size}: {@code [batch, seq, dim]} is
 * {@code Shape.of(batch, seq, dim)}. A rank-0 shape ({@code Shape.of()}) is a scalar; a dimension of
 * size 0 makes an empty tensor.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape with the given sizes; every size must be zero or positive. */
    public static Shape of(int... dims) {
        int[] copy = dims.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new IllegalArgumentException("size " + copy[i] + " of dimension " + i + " in "
                        + Arrays.toString(copy) + " is negative; sizes must be >= 0");
            }
        }
        long n = 1;
        for (int d : copy) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(copy) + " has more elements than a long can count");
            }
        }
        return new Shape(copy);
    }

    /** Number of dimensions ({@code tensor.dim()} in PyTorch). */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end, as in Python. */
    public int size(int i) {
        return dims[normalizeDim(i)];
    }

    /** Turns a possibly negative dimension index into 0..rank-1, or throws naming the valid range. */
    public int normalizeDim(int dim) {
        int d = dim < 0 ? dim + dims.length : dim;
        if (d < 0 || d >= dims.length) {
            throw new IndexOutOfBoundsException("dimension " + dim + " is out of range for shape " + this
                    + ": expected a value in [" + (-dims.length) + ", " + (dims.length - 1) + "]");
        }
        return d;
    }

    /**
     * The product of the sizes before dimension {@code d} (1 for the first): how many blocks a kernel sees when
     * it views the tensor as {@code [before, size(d), after]}.
     */
    public long sizeBefore(int d) {
        long n = 1;
        for (int i = 0; i < d; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** The product of the sizes after dimension {@code d} (1 for the last); see {@link #sizeBefore}. */
    public long sizeAfter(int d) {
        long n = 1;
        for (int i = d + 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Total number of elements ({@code numel()}); 1 for a scalar. */
    public long numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** A copy of the sizes. */
    public int[] toArray() {
        return dims.clone();
    }

    /** This shape with {@code size} appended as a new last dimension: ids.shape + [dim]. */
    public Shape append(int size) {
        int[] out = Arrays.copyOf(dims, dims.length + 1);
        out[dims.length] = size;
        return Shape.of(out);
    }

    /** This shape with dimension {@code dim} resized to {@code size}. */
    public Shape withSize(int dim, int size) {
        int[] out = dims.clone();
        out[normalizeDim(dim)] = size;
        return Shape.of(out);
    }

    /**
     * The shape that NumPy / PyTorch broadcasting gives for {@code a op b}: align trailing dimensions;
     * each pair must be equal or contain a 1.
     *
     * @throws IllegalArgumentException naming both shapes and the first dimension that disagrees
     */
    public static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast: size "
                        + da + " and size " + db + " meet at dimension " + i + " of the result "
                        + "(each pair of trailing sizes must be equal or 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    /** The sizes left-padded with 1s to {@code rank}, as broadcasting aligns them. */
    public int[] paddedTo(int rank) {
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(dims, 0, out, rank - dims.length, dims.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [1, 4, 768]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
