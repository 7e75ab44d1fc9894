package org.llmfromscratch.examples.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A matrix drawn as coloured cells: blue for negative values, white for zero, red for positive, on a
 * scale symmetric around zero, with a colour bar that marks the minimum, zero and the maximum.
 * Meant for embedding matrices such as the positional embeddings ({@code [4 x 256]}: rows are
 * positions, columns embedding dimensions) or one batch's input embeddings ({@code [32 x 256]} with
 * row labels such as {@code b0 t0 'I'}).
 *
 * <pre>{@code
 * Heatmap.write(Path.of("plots/positional.png"), pos, "Positional embeddings [4 x 256]",
 *         "embedding dimension", "position", null);
 * }</pre>
 */
public final class Heatmap {

    private Heatmap() {
    }

    /**
     * Writes the heatmap of {@code values} as a PNG file (parent folders are created).
     *
     * @param png       the file to write
     * @param values    a non-empty rectangular matrix of finite numbers; row r is drawn as line r from the top
     * @param title     the picture's title
     * @param xLabel    what the columns are (e.g. "embedding dimension")
     * @param yLabel    what the rows are (e.g. "position")
     * @param rowLabels one label per row, or {@code null} to number the rows 0, 1, ...
     * @throws IllegalArgumentException on a null, empty or jagged matrix, a NaN or infinite value,
     *                                  or a label count that differs from the row count
     * @throws IOException              if the file cannot be written
     */
    public static void write(Path png, float[][] values, String title, String xLabel, String yLabel,
            String[] rowLabels) throws IOException {
        PlotInput.requirePath(png);
        Canvas.save(render(values, title, xLabel, yLabel, rowLabels), png);
    }

    /** Draws the heatmap in memory; same arguments and checks as {@link #write}. */
    public static BufferedImage render(float[][] values, String title, String xLabel, String yLabel,
            String[] rowLabels) {
        PlotInput.requireMatrix(values, "values");
        PlotInput.requireText(title, "title");
        PlotInput.requireText(xLabel, "xLabel");
        PlotInput.requireText(yLabel, "yLabel");
        if (rowLabels != null) {
            PlotInput.requireLabels(rowLabels, values.length, "rowLabels");
        }
        HeatmapLayout layout = new HeatmapLayout(values, title, rowLabels);
        Canvas canvas = new Canvas(layout.width, layout.height);
        paintCells(canvas, layout, values);
        paintAxes(canvas, layout, title, xLabel, yLabel);
        paintColourBar(canvas, layout);
        return canvas.finish();
    }

    private static void paintCells(Canvas canvas, HeatmapLayout layout, float[][] values) {
        for (int r = 0; r < layout.rows; r++) {
            for (int c = 0; c < layout.columns; c++) {
                canvas.g.setColor(new Color(DivergingColorMap.rgb(values[r][c], layout.limit)));
                canvas.g.fillRect(layout.cellX(c), layout.cellY(r), layout.cellWidth, layout.cellHeight);
            }
        }
        canvas.g.setColor(Canvas.FRAME);
        canvas.g.drawRect(layout.plotX - 1, layout.plotY - 1, layout.plotWidth + 1, layout.plotHeight + 1);
    }

    private static void paintAxes(Canvas canvas, HeatmapLayout layout, String title, String xLabel,
            String yLabel) {
        int tickHeight = Canvas.height(Canvas.TICK);
        int labelHeight = Canvas.height(Canvas.LABEL);
        canvas.text(title, Canvas.TITLE, Canvas.INK, layout.width / 2.0,
                HeatmapLayout.PAD + Canvas.height(Canvas.TITLE) / 2.0, Canvas.Align.CENTRE);

        int bottom = layout.plotY + layout.plotHeight;
        canvas.g.setColor(Canvas.FRAME);
        for (int c : layout.columnTicks) {
            double x = layout.cellX(c) + layout.cellWidth / 2.0;
            canvas.g.drawLine((int) x, bottom + 1, (int) x, bottom + 5);
            canvas.text(Integer.toString(c), Canvas.TICK, Canvas.INK, x, bottom + 7 + tickHeight / 2.0,
                    Canvas.Align.CENTRE);
        }
        canvas.text(xLabel, Canvas.LABEL, Canvas.INK, layout.plotX + layout.plotWidth / 2.0,
                bottom + 7 + tickHeight + 8 + labelHeight / 2.0, Canvas.Align.CENTRE);

        List<Integer> rows = layout.rowTicks;
        for (int i = 0; i < rows.size(); i++) {
            double y = layout.cellY(rows.get(i)) + layout.cellHeight / 2.0;
            canvas.g.setColor(Canvas.FRAME);
            canvas.g.drawLine(layout.plotX - 5, (int) y, layout.plotX - 2, (int) y);
            canvas.text(layout.rowTickLabels.get(i), Canvas.TICK, Canvas.INK, layout.plotX - 7, y,
                    Canvas.Align.RIGHT);
        }
        canvas.verticalText(yLabel, Canvas.LABEL, Canvas.INK, HeatmapLayout.PAD + labelHeight / 2.0,
                layout.plotY + layout.plotHeight / 2.0);
    }

    private static void paintColourBar(Canvas canvas, HeatmapLayout layout) {
        int x = layout.barX;
        for (int y = 0; y < layout.barHeight; y++) {
            double value = layout.limit - 2 * layout.limit * y / (layout.barHeight - 1.0);
            canvas.g.setColor(new Color(DivergingColorMap.rgb(value, layout.limit)));
            canvas.g.fillRect(x, layout.plotY + y, HeatmapLayout.BAR_WIDTH, 1);
        }
        canvas.g.setColor(Canvas.FRAME);
        canvas.g.drawRect(x - 1, layout.plotY - 1, HeatmapLayout.BAR_WIDTH + 1, layout.barHeight + 1);

        double[] values = layout.barValues();
        List<String> labels = layout.barLabels();
        int tickHeight = Canvas.height(Canvas.TICK);
        int maxY = layout.barY(values[0]);
        int minY = layout.barY(values[2]);
        for (int i = 0; i < values.length; i++) {
            int y = layout.barY(values[i]);
            boolean zeroCrowded = i == 1 && (Math.abs(y - maxY) < tickHeight || Math.abs(y - minY) < tickHeight);
            if (zeroCrowded) {
                continue; // min and max matter more; zero is where the bar turns white anyway
            }
            if (i == 2 && Math.abs(y - maxY) < tickHeight) {
                y = maxY + tickHeight; // a near-constant matrix: keep both labels readable
            }
            canvas.g.setColor(Canvas.INK);
            canvas.g.drawLine(x + HeatmapLayout.BAR_WIDTH, y, x + HeatmapLayout.BAR_WIDTH + 4, y);
            canvas.text(labels.get(i), Canvas.TICK, Canvas.INK, x + HeatmapLayout.BAR_WIDTH + 7, y,
                    Canvas.Align.LEFT);
        }
    }
}
