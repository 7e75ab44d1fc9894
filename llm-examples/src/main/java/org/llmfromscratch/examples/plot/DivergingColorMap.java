package org.llmfromscratch.examples.plot;

/**
 * Blue for negative, white for zero, red for positive (ColorBrewer's RdBu, reversed, with a pure white
 * centre), so the sign of a weight is read at a glance and values near zero fade away.
 */
final class DivergingColorMap {

    /** Colours at t = -1, -0.5, 0, 0.5, 1. */
    private static final int[][] STOPS = {
        {33, 102, 172}, {146, 197, 222}, {255, 255, 255}, {244, 165, 130}, {178, 24, 43},
    };

    private DivergingColorMap() {}

    /** The RGB colour of {@code value} on a scale from {@code -limit} (deep blue) to {@code +limit} (deep red). */
    static int rgb(double value, double limit) {
        double t = limit > 0 ? value / limit : 0;
        t = Math.max(-1, Math.min(1, t));
        double position = (t + 1) * 2; // 0..4 across the stops
        int lower = Math.min(3, (int) Math.floor(position));
        double f = position - lower;
        int[] a = STOPS[lower];
        int[] b = STOPS[lower + 1];
        int red = (int) Math.round(a[0] + (b[0] - a[0]) * f);
        int green = (int) Math.round(a[1] + (b[1] - a[1]) * f);
        int blue = (int) Math.round(a[2] + (b[2] - a[2]) * f);
        return (red << 16) | (green << 8) | blue;
    }
}
