package org.llmfromscratch.api;

import java.util.Arrays;

/** Index arithmetic for reshape and slicing, with Python's conventions and clear errors. */
final class Reshapes {
    private Reshapes() {}

    /** Resolves one -1 in {@code sizes} and checks that the element count is unchanged. */
    static int[] resolve(Shape from, int[] sizes) {
        int[] out = sizes.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException(
                            "reshape " + Arrays.toString(sizes) + ": only one size may be -1");
                }
                inferred = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape " + Arrays.toString(sizes) + ": size " + out[i]
                        + " is invalid; sizes must be >= 0 or -1 (inferred)");
            } else {
                known *= out[i];
            }
        }
        long numel = from.numel();
        if (inferred >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(
                        "cannot reshape " + from + " (" + numel + " elements) into " + Arrays.toString(sizes));
            }
            out[inferred] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("cannot reshape " + from + " (" + numel + " elements) into "
                    + Arrays.toString(sizes) + " (" + known + " elements)");
        }
        return out;
    }

    /** A slice bound in 0..size, negative counting from the end. */
    static int sliceIndex(int index, int size, String which, int dim, Shape shape) {
        int i = index < 0 ? index + size : index;
        if (i < 0 || i > size) {
            throw new IndexOutOfBoundsException("slice " + which + " " + index + " is out of range for dimension " + dim
                    + " of size " + size + " in shape " + shape + ": expected " + (-size) + ".." + size);
        }
        return i;
    }

    /** The multi-index {@code [i, j, k]} of flat position {@code flat} in {@code shape}. */
    static String position(Shape shape, long flat) {
        int[] idx = new int[shape.rank()];
        long rest = flat;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            int n = shape.size(d);
            idx[d] = (int) (rest % n);
            rest /= n;
        }
        return Arrays.toString(idx);
    }
}
