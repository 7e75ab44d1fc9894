package org.llmfromscratch.api;

/** Shapes and flattening of rectangular Java arrays, rejecting jagged ones with the row that differs. */
final class JavaArrays {
    private JavaArrays() {}

    static Shape shapeOf(Object array) {
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        Object a = array;
        while (a != null && a.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(a);
            dims.add(n);
            a = n == 0 ? null : java.lang.reflect.Array.get(a, 0);
        }
        int[] out = dims.stream().mapToInt(Integer::intValue).toArray();
        checkRectangular(array, out, 0, "");
        return Shape.of(out);
    }

    private static void checkRectangular(Object a, int[] dims, int depth, String path) {
        if (depth >= dims.length || !a.getClass().isArray()) {
            return;
        }
        int n = java.lang.reflect.Array.getLength(a);
        if (n != dims[depth]) {
            throw new IllegalArgumentException("jagged array: row " + path + " has " + n + " elements, expected "
                    + dims[depth] + " like the first row");
        }
        if (depth + 1 < dims.length) {
            for (int i = 0; i < n; i++) {
                checkRectangular(java.lang.reflect.Array.get(a, i), dims, depth + 1, path + "[" + i + "]");
            }
        }
    }

    static float[] flatten(float[][] v) {
        int cols = v.length == 0 ? 0 : v[0].length;
        float[] out = new float[v.length * cols];
        for (int i = 0; i < v.length; i++) {
            System.arraycopy(v[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static float[] flatten(float[][][] v) {
        int rows = v.length == 0 ? 0 : v[0].length;
        int cols = rows == 0 ? 0 : v[0][0].length;
        float[] out = new float[v.length * rows * cols];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < rows; j++) {
                System.arraycopy(v[i][j], 0, out, (i * rows + j) * cols, cols);
            }
        }
        return out;
    }

    static int[] flatten(int[][] v) {
        int cols = v.length == 0 ? 0 : v[0].length;
        int[] out = new int[v.length * cols];
        for (int i = 0; i < v.length; i++) {
            System.arraycopy(v[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static int[] flatten(int[][][] v) {
        int rows = v.length == 0 ? 0 : v[0].length;
        int cols = rows == 0 ? 0 : v[0][0].length;
        int[] out = new int[v.length * rows * cols];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < rows; j++) {
                System.arraycopy(v[i][j], 0, out, (i * rows + j) * cols, cols);
            }
        }
        return out;
    }

    static long[] flatten(long[][] v) {
        int cols = v.length == 0 ? 0 : v[0].length;
        long[] out = new long[v.length * cols];
        for (int i = 0; i < v.length; i++) {
            System.arraycopy(v[i], 0, out, i * cols, cols);
        }
        return out;
    }
}
