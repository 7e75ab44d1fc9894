package org.llmfromscratch.examples.plot;

/**
 * The axes of a scatter plot: maps data coordinates to pixels with one scale for both axes (so a
 * circle stays a circle), leaves a margin around the data for the labels, and draws grid, ticks and
 * axis titles.
 */
final class ScatterFrame {

    /** Share of the plot kept free around the data, so labels at the edge still fit. */
    private static final double MARGIN = 0.10;

    final int x;
    final int y;
    final int width;
    final int height;
    private final double scale;
    private final double xLow;
    private final double yLow;

    ScatterFrame(double[][] xy, int x, int y, int width, int height) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : xy) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double spanX = maxX - minX;
        double spanY = maxY - minY;
        if (!(Math.max(spanX, spanY) > 0)) {
            spanX = 1; // a single distinct point: any scale shows it, pick one unit across
        }
        double usable = 1 - 2 * MARGIN;
        double sx = spanX > 0 ? width * usable / spanX : Double.POSITIVE_INFINITY;
        double sy = spanY > 0 ? height * usable / spanY : Double.POSITIVE_INFINITY;
        scale = Math.min(sx, sy);
        xLow = (minX + maxX) / 2 - width / (2 * scale);
        yLow = (minY + maxY) / 2 - height / (2 * scale);
    }

    double pixelX(double value) {
        return x + (value - xLow) * scale;
    }

    double pixelY(double value) {
        return y + height - (value - yLow) * scale;
    }

    void paint(Canvas canvas, String xTitle, String yTitle) {
        double xHigh = xLow + width / scale;
        double yHigh = yLow + height / scale;
        double step = NiceTicks.step(Math.max(xHigh - xLow, yHigh - yLow), 10);
        int tickHeight = Canvas.height(Canvas.TICK);
        int labelHeight = Canvas.height(Canvas.LABEL);
        int bottom = y + height;

        for (double value : NiceTicks.values(xLow, xHigh, step)) {
            int px = (int) Math.round(pixelX(value));
            canvas.g.setColor(Math.abs(value) < step * 1e-6 ? Canvas.FRAME.brighter() : Canvas.GRID);
            canvas.g.drawLine(px, y, px, bottom);
            canvas.g.setColor(Canvas.FRAME);
            canvas.g.drawLine(px, bottom, px, bottom + 4);
            canvas.text(NiceTicks.format(value, step), Canvas.TICK, Canvas.INK, px, bottom + 7 + tickHeight / 2.0,
                    Canvas.Align.CENTRE);
        }
        for (double value : NiceTicks.values(yLow, yHigh, step)) {
            int py = (int) Math.round(pixelY(value));
            canvas.g.setColor(Math.abs(value) < step * 1e-6 ? Canvas.FRAME.brighter() : Canvas.GRID);
            canvas.g.drawLine(x, py, x + width, py);
            canvas.g.setColor(Canvas.FRAME);
            canvas.g.drawLine(x - 4, py, x, py);
            canvas.text(NiceTicks.format(value, step), Canvas.TICK, Canvas.INK, x - 7, py, Canvas.Align.RIGHT);
        }
        canvas.g.setColor(Canvas.FRAME);
        canvas.g.drawRect(x, y, width, height);
        canvas.text(xTitle, Canvas.LABEL, Canvas.INK, x + width / 2.0, bottom + 7 + tickHeight + 8 + labelHeight / 2.0,
                Canvas.Align.CENTRE);
        canvas.verticalText(yTitle, Canvas.LABEL, Canvas.INK, 16 + labelHeight / 2.0, y + height / 2.0);
    }
}
