package org.llmfromscratch.examples.train;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A loss curve (one or more series against the same x axis) as a PNG, through JFreeChart. */
public final class LossChart {
    private final XYSeriesCollection series = new XYSeriesCollection();
    private final String title;
    private final String xLabel;

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

    /** Writes the chart as a PNG of the given size. */
    public void write(File file, int width, int height) throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, "loss", series, PlotOrientation.VERTICAL, true,
                false, false);
        ChartUtils.saveChartAsPNG(file, chart, width, height);
    }
}
