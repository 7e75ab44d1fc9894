package org.llmfromscratch.examples.plot;

import java.nio.file.Path;

/** Argument checks shared by the writers, so every picture rejects bad input with the same words. */
final class PlotInput {

    private PlotInput() {}

    /**
     * Checks that {@code values} is a non-empty rectangular matrix of finite numbers.
     *
     * @return {@code {rows, columns}}
     */
    static int[] requireMatrix(float[][] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is null; expected a non-empty matrix");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " is empty (0 rows); expected at least one row");
        }
        if (values[0] == null) {
            throw new IllegalArgumentException(name + "[0] is null; expected a row of numbers");
        }
        int columns = values[0].length;
        if (columns == 0) {
            throw new IllegalArgumentException(name + " is empty (0 columns); expected at least one column");
        }
        for (int r = 0; r < values.length; r++) {
            float[] row = values[r];
            if (row == null) {
                throw new IllegalArgumentException(name + "[" + r + "] is null; expected a row of numbers");
            }
            if (row.length != columns) {
                throw new IllegalArgumentException(name + " is jagged: row " + r + " has " + row.length
                        + " values but row 0 has " + columns + "; expected every row to have the same length");
            }
            for (int c = 0; c < columns; c++) {
                if (!Float.isFinite(row[c])) {
                    throw new IllegalArgumentException(name + "[" + r + "][" + c + "] is " + row[c]
                            + "; expected finite numbers (no NaN or infinity)");
                }
            }
        }
        return new int[] {values.length, columns};
    }

    /** Checks one non-null label per row. */
    static void requireLabels(String[] labels, int rows, String name) {
        if (labels == null) {
            throw new IllegalArgumentException(name + " is null; expected one label per row");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException(name + " has " + labels.length + " labels but there are " + rows
                    + " rows; expected one label per row");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException(name + "[" + i + "] is null; expected a label (it may be empty)");
            }
        }
    }

    static String requireText(String text, String name) {
        if (text == null) {
            throw new IllegalArgumentException(name + " is null; expected a text (it may be empty)");
        }
        return text;
    }

    static Path requirePath(Path png) {
        if (png == null) {
            throw new IllegalArgumentException("png path is null; expected the file to write");
        }
        return png;
    }
}
