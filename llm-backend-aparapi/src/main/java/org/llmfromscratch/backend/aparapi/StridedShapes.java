package org.llmfromscratch.backend.aparapi;

/**
 * The arguments of {@link BroadcastKernel}: the output shape (rank 0 seen as {@code [1]}), each operand's
 * row-major strides with 0 along a broadcast dimension, the row width and the element count.
 */
final class StridedShapes {
    final int[] shape;
    final int[] aStrides;
    final int[] bStrides;
    final int cols;
    final long total;

    private StridedShapes(int[] shape, int[] aStrides, int[] bStrides) {
        this.shape = shape;
        this.aStrides = aStrides;
        this.bStrides = bStrides;
        this.cols = shape[shape.length - 1];
        long t = 1;
        for (int d : shape) {
            t *= d;
        }
        this.total = t;
    }

    static StridedShapes of(int[] aShape, int[] bShape, int[] outShape) {
        if (outShape.length == 0) {
            return new StridedShapes(new int[] {1}, new int[] {1}, new int[] {1});
        }
        return new StridedShapes(outShape.clone(), strides(aShape, outShape), strides(bShape, outShape));
    }

    /** Row-major strides of {@code shape}, 0 where it is broadcast (size 1 against a larger output). */
    static int[] strides(int[] shape, int[] out) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = shape[d] == 1 && out[d] != 1 ? 0 : stride;
            stride *= shape[d];
        }
        return s;
    }
}
