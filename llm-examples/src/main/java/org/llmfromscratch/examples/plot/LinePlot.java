package org.llmfromscratch.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Functions of one variable drawn as lines over the same x values, with JFreeChart: e.g. GELU and ReLU
 * on [-3, 3].
 *
 * <pre>{@code
 * LinePlot.write(Path.of("plots/gelu-relu.png"), "GELU and ReLU", "x", "activation", x,
 *         Map.of("GELU", gelu, "ReLU", relu));
 * }</pre>
 */
public final class LinePlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
    };

    private LinePlot() {}

    /**
     * Writes the plot as a PNG (parent folders are created).
     *
     * @param series name to y values, drawn in the map's order; each as long as {@code x}
     * @throws IllegalArgumentException on empty or mismatched arrays, or non-finite values
     */
    public static void write(
            Path png, String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series)
            throws IOException {
        PlotInput.requirePath(png);
        PlotInput.requireText(title, "title");
        PlotInput.requireText(xLabel, "xLabel");
        PlotInput.requireText(yLabel, "yLabel");
        if (x == null || x.length == 0 || series == null || series.isEmpty()) {
            throw new IllegalArgumentException("a line plot needs x values and at least one series");
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : new LinkedHashMap<>(series).entrySet()) {
            double[] y = e.getValue();
            if (y == null || y.length != x.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + (y == null ? 0 : y.length)
                        + " values for " + x.length + " x values");
            }
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("series '" + e.getKey() + "' has a non-finite value at " + i);
                }
                s.add(x[i], y[i]);
            }
            data.addSeries(s);
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setLabelFont(Charts.LABEL);
        xAxis.setTickLabelFont(Charts.TICK);
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setLabelFont(Charts.LABEL);
        yAxis.setTickLabelFont(Charts.TICK);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            lines.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setOutlinePaint(Color.DARK_GRAY);
        JFreeChart chart = new JFreeChart(null, Charts.TITLE, plot, true);
        chart.setTitle(new TextTitle(title, Charts.TITLE));
        chart.getLegend().setItemFont(Charts.LABEL);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 8));
        Charts.save(chart.createBufferedImage(WIDTH, HEIGHT), png);
    }
}
