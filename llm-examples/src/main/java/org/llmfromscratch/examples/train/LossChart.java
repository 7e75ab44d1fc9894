package org.llmfromscratch.examples.train;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss curves as a PNG, through JFreeChart: one or more series against the same x axis, optionally with a
 * second x axis on top in other units (the book's plot shows epochs below and tokens seen above).
 */
public final class LossChart {
    private final XYSeriesCollection series = new XYSeriesCollection();
    private final String title;
    private final String xLabel;
    private String topLabel;
    private double topPerX;

    /** An empty chart with a title and an x-axis label. */
    public LossChart(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** Adds a named series of (x, y) points. */
    public LossChart add(String name, List<double[]> points) {
        XYSeries s = new XYSeries(name);
        points.forEach(p -> s.add(p[0], p[1]));
        series.addSeries(s);
        return this;
    }

    /** A second x axis on top, labelled {@code label}, showing {@code x * perX} (e.g. tokens seen per epoch). */
    public LossChart topAxis(String label, double perX) {
        this.topLabel = label;
        this.topPerX = perX;
        return this;
    }

    /** Writes the chart as a PNG of the given size. */
    public void write(File file, int width, int height) throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, "loss", series, PlotOrientation.VERTICAL, true, false, false);
        if (topLabel != null) {
            XYPlot plot = chart.getXYPlot();
            NumberAxis bottom = (NumberAxis) plot.getDomainAxis();
            NumberAxis top = new NumberAxis(topLabel);
            top.setRange(
                    bottom.getLowerBound() * topPerX,
                    Math.max(bottom.getUpperBound() * topPerX, bottom.getLowerBound() * topPerX + 1));
            plot.setDomainAxis(1, top);
            plot.setDomainAxisLocation(1, AxisLocation.TOP_OR_LEFT);
        }
        ChartUtils.saveChartAsPNG(file, chart, width, height);
    }
}
