package org.llmfromscratch.examples.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a {@link Heatmap} goes, in pixels. Cells are sized so that a wide matrix
 * (4 x 256) comes out about 900 px wide and a tall one (32 x 256) keeps one readable label per row.
 */
final class HeatmapLayout {

    static final int PAD = 16;
    static final int BAR_WIDTH = 18;
    private static final int TARGET_PLOT_WIDTH = 800;
    private static final int TARGET_PLOT_HEIGHT = 480;
    private static final int MAX_CELL = 48;
    private static final int MIN_BAR_HEIGHT = 160;
    private static final int MAX_LABELLED_HEIGHT = 900;

    final int rows;
    final int columns;
    final int cellWidth;
    final int cellHeight;
    final int plotX;
    final int plotY;
    final int plotWidth;
    final int plotHeight;
    final int barX;
    final int barHeight;
    final int width;
    final int height;
    final List<Integer> rowTicks;
    final List<String> rowTickLabels;
    final List<Integer> columnTicks;
    final double min;
    final double max;
    /** The colour scale runs from -limit to +limit, so zero is always white. */
    final double limit;

    HeatmapLayout(float[][] values, String title, String[] rowLabels) {
        rows = values.length;
        columns = values[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[] row : values) {
            for (float v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        min = lo;
        max = hi;
        double largest = Math.max(Math.abs(lo), Math.abs(hi));
        limit = largest > 0 ? largest : 1;

        int titleHeight = Canvas.height(Canvas.TITLE);
        int labelHeight = Canvas.height(Canvas.LABEL);
        int tickHeight = Canvas.height(Canvas.TICK);

        cellWidth = clamp(TARGET_PLOT_WIDTH / columns, 1, MAX_CELL);
        int fitted = clamp(TARGET_PLOT_HEIGHT / rows, 1, MAX_CELL);
        // Row labels (b0 t0 'I') are the point of a tall matrix: give each its own line while that
        // keeps the picture under about 1000 px; beyond that, label every k-th row.
        int labelled = tickHeight + 2;
        cellHeight = rowLabels != null && fitted < labelled && rows * labelled <= MAX_LABELLED_HEIGHT
                ? labelled : fitted;
        plotWidth = cellWidth * columns;
        plotHeight = cellHeight * rows;

        rowTicks = rowLabels != null
                ? everyKth(rows, (int) Math.ceil((tickHeight + 2.0) / cellHeight))
                : NiceTicks.indices(rows, Math.max(1, plotHeight / (2 * tickHeight)));
        rowTickLabels = new ArrayList<>();
        int rowLabelWidth = 0;
        for (int r : rowTicks) {
            String label = rowLabels != null ? Canvas.printable(rowLabels[r]) : Integer.toString(r);
            rowTickLabels.add(label);
            rowLabelWidth = Math.max(rowLabelWidth, Canvas.width(Canvas.TICK, label));
        }
        int widestColumnLabel = Canvas.width(Canvas.TICK, Integer.toString(columns - 1));
        columnTicks = NiceTicks.indices(columns, Math.max(1, plotWidth / Math.max(40, widestColumnLabel + 16)));

        plotX = PAD + labelHeight + 10 + rowLabelWidth + 8;
        plotY = PAD + titleHeight + 14;
        barX = plotX + plotWidth + 28;
        barHeight = Math.max(plotHeight, MIN_BAR_HEIGHT);
        int barLabelWidth = 0;
        for (String label : barLabels()) {
            barLabelWidth = Math.max(barLabelWidth, Canvas.width(Canvas.TICK, label));
        }
        width = Math.max(barX + BAR_WIDTH + 10 + barLabelWidth + PAD,
                Canvas.width(Canvas.TITLE, title) + 2 * PAD);
        height = Math.max(plotY + plotHeight + 6 + tickHeight + 8 + labelHeight + PAD,
                plotY + barHeight + tickHeight + PAD);
    }

    int cellX(int column) {
        return plotX + column * cellWidth;
    }

    int cellY(int row) {
        return plotY + row * cellHeight;
    }

    /** The pixel row of the colour bar showing {@code value}. */
    int barY(double value) {
        return plotY + (int) Math.round((limit - value) / (2 * limit) * (barHeight - 1));
    }

    /** The values marked on the colour bar: the data's maximum, zero and minimum. */
    double[] barValues() {
        return new double[] {max, 0, min};
    }

    List<String> barLabels() {
        return List.of(NiceTicks.format(max) + " (max)", "0", NiceTicks.format(min) + " (min)");
    }

    private static List<Integer> everyKth(int count, int k) {
        List<Integer> ticks = new ArrayList<>();
        for (int i = 0; i < count; i += Math.max(1, k)) {
            ticks.add(i);
        }
        return ticks;
    }

    private static int clamp(int value, int lo, int hi) {
        return Math.max(lo, Math.min(hi, value));
    }
}
