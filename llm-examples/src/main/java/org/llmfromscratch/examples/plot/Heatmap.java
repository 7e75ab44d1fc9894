package org.llmfromscratch.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A matrix drawn as coloured cells with JFreeChart: blue for negative values, white for zero, red for
 * positive, on a scale symmetric around zero, with a colour scale beside it whose ends are labelled with
 * the minimum and maximum. Meant for embedding matrices such as the positional embeddings
 * ({@code [4 x 256]}: rows are positions, columns embedding dimensions) or one batch's input embeddings
 * ({@code [32 x 256]} with row labels such as {@code b0 t0 'I'}); row 0 is the top row.
 *
 * <pre>{@code
 * Heatmap.write(Path.of("plots/positional.png"), pos, "Positional embeddings [4 x 256]",
 *         "embedding dimension", "position", null);
 * }</pre>
 */
public final class Heatmap {
    static final int WIDTH = 1050;
    /** Pixels per row when every row is labelled (one line of tick text), and the picture's height bounds. */
    private static final int ROW_PIXELS = 17;

    private static final int MIN_HEIGHT = 360;
    private static final int MAX_HEIGHT = 960;
    /** More rows than this: every k-th row is labelled, so the picture does not grow without bound. */
    static final int MAX_LABELLED_ROWS = 48;

    private Heatmap() {}

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
    public static void write(Path png, float[][] values, String title, String xLabel, String yLabel, String[] rowLabels)
            throws IOException {
        write(png, values, title, xLabel, yLabel, rowLabels, null);
    }

    /**
     * As {@link #write(Path, float[][], String, String, String, String[])}, with one label per column too
     * (e.g. the words of a sentence on both axes of an attention-weight matrix), or {@code null} to number
     * the columns.
     *
     * @throws IllegalArgumentException also for a column-label count that differs from the column count
     */
    public static void write(
            Path png,
            float[][] values,
            String title,
            String xLabel,
            String yLabel,
            String[] rowLabels,
            String[] columnLabels)
            throws IOException {
        PlotInput.requirePath(png);
        Charts.save(
                rendered(values, title, xLabel, yLabel, rowLabels, columnLabels).image(), png);
    }

    /** Draws the heatmap in memory; same arguments and checks as {@link #write}. */
    public static BufferedImage render(
            float[][] values, String title, String xLabel, String yLabel, String[] rowLabels) {
        return rendered(values, title, xLabel, yLabel, rowLabels).image();
    }

    /** The picture and where its cells are: the data area, row 0 at the top. */
    record Rendered(
            BufferedImage image, Rectangle2D cells, Rectangle2D colourScale, int rows, int columns, double limit) {
        /** The pixel at the centre of cell (row, column). */
        int[] centre(int row, int column) {
            return new int[] {
                (int) (cells.getX() + (column + 0.5) * cells.getWidth() / columns),
                (int) (cells.getY() + (row + 0.5) * cells.getHeight() / rows)
            };
        }
    }

    static Rendered rendered(float[][] values, String title, String xLabel, String yLabel, String[] rowLabels) {
        return rendered(values, title, xLabel, yLabel, rowLabels, null);
    }

    static Rendered rendered(
            float[][] values, String title, String xLabel, String yLabel, String[] rowLabels, String[] columnLabels) {
        int[] shape = PlotInput.requireMatrix(values, "values");
        PlotInput.requireText(title, "title");
        PlotInput.requireText(xLabel, "xLabel");
        PlotInput.requireText(yLabel, "yLabel");
        if (rowLabels != null) {
            PlotInput.requireLabels(rowLabels, values.length, "rowLabels");
        }
        if (columnLabels != null) {
            PlotInput.requireLabels(columnLabels, shape[1], "columnLabels");
        }
        int rows = shape[0];
        int columns = shape[1];
        double limit = limit(values);

        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] xyz = new double[3][rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                xyz[0][i] = c;
                xyz[1][i] = r;
                xyz[2][i] = values[r][c];
            }
        }
        data.addSeries("values", xyz);

        XYBlockRenderer cells = new XYBlockRenderer();
        PaintScale scale = new Diverging(limit);
        cells.setPaintScale(scale);

        NumberAxis columnAxis;
        if (columnLabels == null) {
            columnAxis = new NumberAxis(xLabel);
            columnAxis.setTickUnit(new NumberTickUnit(columnStep(columns)));
        } else {
            String[] names = new String[columns];
            for (int c = 0; c < columns; c++) {
                names[c] = DistinctPoints.printable(columnLabels[c]);
            }
            SymbolAxis symbols = new SymbolAxis(xLabel, names);
            symbols.setGridBandsVisible(false);
            columnAxis = symbols;
        }
        columnAxis.setRange(-0.5, columns - 0.5);
        columnAxis.setLabelFont(Charts.LABEL);
        columnAxis.setTickLabelFont(Charts.TICK);

        String[] labels = new String[rows];
        int every = rows <= MAX_LABELLED_ROWS ? 1 : (rows + MAX_LABELLED_ROWS - 1) / MAX_LABELLED_ROWS;
        for (int r = 0; r < rows; r++) {
            labels[r] = r % every != 0
                    ? ""
                    : rowLabels == null ? Integer.toString(r) : DistinctPoints.printable(rowLabels[r]);
        }
        SymbolAxis rowAxis = new SymbolAxis(yLabel, labels);
        rowAxis.setInverted(true); // row 0 at the top, as the matrix is printed
        rowAxis.setRange(-0.5, rows - 0.5);
        rowAxis.setGridBandsVisible(false);
        rowAxis.setLabelFont(Charts.LABEL);
        rowAxis.setTickLabelFont(Charts.TICK);

        XYPlot plot = new XYPlot(data, columnAxis, rowAxis, cells);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.DARK_GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        JFreeChart chart = new JFreeChart(null, Charts.TITLE, plot, false);
        chart.setTitle(new TextTitle(title, Charts.TITLE));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 8));

        NumberAxis scaleAxis = new NumberAxis();
        scaleAxis.setRange(-limit, limit);
        scaleAxis.setTickLabelFont(Charts.TICK);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(18);
        legend.setStripOutlineVisible(true);
        legend.setStripOutlinePaint(Color.DARK_GRAY);
        legend.setStripOutlineStroke(new BasicStroke(1f));
        legend.setSubdivisionCount(256);
        legend.setMargin(new RectangleInsets(4, 12, 4, 4));
        chart.addSubtitle(legend);
        TextTitle range =
                new TextTitle(String.format(Locale.ROOT, "min %.2f, max %.2f", min(values), max(values)), Charts.TICK);
        range.setPosition(RectangleEdge.BOTTOM);
        range.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(range);

        int height = height(rows);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        Rectangle2D strip =
                new Rectangle2D.Double(area.getMaxX(), area.getY(), WIDTH - area.getMaxX(), area.getHeight());
        return new Rendered(image, area, strip, rows, columns, limit);
    }

    /** The picture's height: one text line per labelled row, within bounds. */
    static int height(int rows) {
        int labelled = Math.min(rows, MAX_LABELLED_ROWS);
        return Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, 170 + labelled * ROW_PIXELS));
    }

    private static int columnStep(int columns) {
        for (int step : new int[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
            if (columns / step <= 16) {
                return step;
            }
        }
        return Math.max(1, columns / 10);
    }

    /** The colour scale runs from -limit to +limit, so zero is always white; an all-zero matrix gets 1. */
    static double limit(float[][] values) {
        double largest = 0;
        for (float[] row : values) {
            for (float v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return largest > 0 ? largest : 1;
    }

    private static double min(float[][] values) {
        double m = Double.POSITIVE_INFINITY;
        for (float[] row : values) {
            for (float v : row) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    private static double max(float[][] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (float[] row : values) {
            for (float v : row) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** {@link DivergingColorMap} as JFreeChart's paint scale. */
    private record Diverging(double limit) implements PaintScale {
        @Override
        public double getLowerBound() {
            return -limit;
        }

        @Override
        public double getUpperBound() {
            return limit;
        }

        @Override
        public Paint getPaint(double value) {
            return new Color(DivergingColorMap.rgb(value, limit));
        }
    }
}
