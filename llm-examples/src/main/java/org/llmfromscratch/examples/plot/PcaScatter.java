package org.llmfromscratch.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * High-dimensional points (token embeddings) projected to 2-D with {@link Pca}, one labelled dot per
 * distinct point, drawn with JFreeChart on axes with equal scale, so distances in the picture are
 * distances in the projection. The axes say how much of the total variance each component shows, and
 * a caption below the plot explains the picture to a newcomer.
 *
 * <pre>{@code
 * PcaScatter.write(Path.of("plots/tokens.png"), embeddings, tokenTexts,
 *         "Token embeddings of batch 0, PCA to 2-D");
 * }</pre>
 */
public final class PcaScatter {

    /** The caption's last sentence by default: what a learner should (not) read into the picture. */
    public static final String RANDOM_INIT_NOTE = "At initialization the embeddings are random, so positions"
            + " carry no meaning yet; training is what moves tokens used alike close together.";

    static final int WIDTH = 960;
    static final int HEIGHT = 760;
    private static final double DOT_RADIUS = 4;
    private static final Color DOT = new Color(31, 119, 180);

    private PcaScatter() {}

    /**
     * Writes the scatter plot as a PNG, with {@link #RANDOM_INIT_NOTE} closing the caption.
     *
     * @param png    the file to write (parent folders are created)
     * @param points one point per row (e.g. 256-d token embeddings): a non-empty rectangular matrix of
     *               finite numbers with at least 2 columns
     * @param labels one text per point (e.g. the token's text); a repeated (label, point) pair is drawn once
     * @param title  the picture's title
     * @throws IllegalArgumentException on bad points, a label count that differs from the point count,
     *                                  or points of fewer than 2 dimensions
     * @throws IOException              if the file cannot be written
     */
    public static void write(Path png, float[][] points, String[] labels, String title) throws IOException {
        write(png, points, labels, title, RANDOM_INIT_NOTE);
    }

    /**
     * As {@link #write(Path, float[][], String[], String)}, with {@code note} closing the caption
     * instead ({@code null} or empty for none), for embeddings that are no longer random.
     */
    public static void write(Path png, float[][] points, String[] labels, String title, String note)
            throws IOException {
        PlotInput.requirePath(png);
        Charts.save(render(points, labels, title, note), png);
    }

    /** Draws the scatter plot in memory; same arguments and checks as {@link #write(Path, float[][], String[], String, String)}. */
    public static BufferedImage render(float[][] points, String[] labels, String title, String note) {
        return rendered(points, labels, title, note).image();
    }

    /** The picture, the projected points and where the data area is, for tests. */
    record Rendered(BufferedImage image, double[][] xy, Rectangle2D area, NumberAxis x, NumberAxis y, String[] texts) {
        /** The pixel of projected point {@code i}. */
        int[] pixel(int i) {
            return new int[] {
                (int) Math.round(x.valueToJava2D(xy[i][0], area, RectangleEdge.BOTTOM)),
                (int) Math.round(y.valueToJava2D(xy[i][1], area, RectangleEdge.LEFT))
            };
        }
    }

    static Rendered rendered(float[][] points, String[] labels, String title, String note) {
        int[] shape = PlotInput.requireMatrix(points, "points");
        PlotInput.requireLabels(labels, shape[0], "labels");
        PlotInput.requireText(title, "title");
        if (shape[1] < 2) {
            throw new IllegalArgumentException(
                    "points have " + shape[1] + " dimension; expected at least 2 for a 2-D projection");
        }
        DistinctPoints distinct = DistinctPoints.of(points, labels);
        Pca pca = Pca.fit(distinct.points, 2);
        double[][] xy = pca.project(distinct.points);

        XYSeries series = new XYSeries("tokens", false, true);
        for (double[] p : xy) {
            series.add(p[0], p[1]);
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesShape(0, new Ellipse2D.Double(-DOT_RADIUS, -DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS));
        dots.setSeriesPaint(0, DOT);
        dots.setUseOutlinePaint(true);
        dots.setSeriesOutlinePaint(0, DOT.darker().darker());
        dots.setSeriesOutlineStroke(0, new BasicStroke(1f));

        NumberAxis x = new NumberAxis(axisLabel(pca, 0));
        NumberAxis y = new NumberAxis(axisLabel(pca, 1));
        for (NumberAxis axis : new NumberAxis[] {x, y}) {
            axis.setLabelFont(Charts.LABEL);
            axis.setTickLabelFont(Charts.TICK);
            axis.setAutoRangeIncludesZero(true);
        }
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, dots);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(225, 225, 225));
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
        plot.setDomainZeroBaselineVisible(true);
        plot.setRangeZeroBaselineVisible(true);
        plot.setOutlinePaint(Color.DARK_GRAY);
        String[] texts = new String[xy.length];
        for (int i = 0; i < xy.length; i++) {
            texts[i] = distinct.displayLabel(i);
            XYTextAnnotation label = new XYTextAnnotation("  " + texts[i], xy[i][0], xy[i][1]);
            label.setFont(Charts.TICK);
            label.setTextAnchor(TextAnchor.CENTER_LEFT);
            plot.addAnnotation(label);
        }

        JFreeChart chart = new JFreeChart(null, Charts.TITLE, plot, false);
        chart.setTitle(new TextTitle(title, Charts.TITLE));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        TextTitle caption = new TextTitle(caption(distinct, shape[1], note), Charts.TICK);
        caption.setPosition(RectangleEdge.BOTTOM);
        caption.setHorizontalAlignment(HorizontalAlignment.LEFT);
        caption.setTextAlignment(HorizontalAlignment.LEFT);
        caption.setPaint(Color.DARK_GRAY);
        caption.setMargin(new RectangleInsets(12, 8, 4, 8));
        chart.addSubtitle(caption);

        // Equal scale: lay the chart out once, then widen the range of the axis whose units are more
        // pixels long, so that one unit is as long on both axes, with 10% room around the points for labels.
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        equalScale(xy, x, y, area.getWidth(), area.getHeight());
        info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, info);
        return new Rendered(image, xy, info.getPlotInfo().getDataArea(), x, y, texts);
    }

    private static void equalScale(double[][] xy, NumberAxis x, NumberAxis y, double widthPixels, double heightPixels) {
        double minX = 0;
        double maxX = 0;
        double minY = 0;
        double maxY = 0;
        for (double[] p : xy) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double spanX = Math.max(maxX - minX, 1e-9) * 1.25; // room on the right for the labels
        double spanY = Math.max(maxY - minY, 1e-9) * 1.15;
        double unitsPerPixel = Math.max(spanX / widthPixels, spanY / heightPixels);
        double halfX = unitsPerPixel * widthPixels / 2;
        double halfY = unitsPerPixel * heightPixels / 2;
        double centreX = (minX + maxX) / 2 + (spanX / 1.25) * 0.1;
        double centreY = (minY + maxY) / 2;
        x.setRange(centreX - halfX, centreX + halfX);
        y.setRange(centreY - halfY, centreY + halfY);
    }

    static String axisLabel(Pca pca, int component) {
        return String.format(
                Locale.ROOT, "PC%d (%.1f%% of variance)", component + 1, 100 * pca.explainedVarianceRatio(component));
    }

    static String caption(DistinctPoints distinct, int dimension, String note) {
        int n = distinct.points.length;
        StringBuilder text = new StringBuilder();
        text.append("Each dot is one token's ")
                .append(dimension)
                .append("-dimensional embedding, projected to 2-D"
                        + " with PCA: PC1 and PC2 are the two directions in which these ")
                .append(n)
                .append(" embeddings spread most; the axis titles say how much of the total spread each shows."
                        + " Both axes have the same scale.");
        if (n < distinct.total) {
            text.append(" ")
                    .append(n)
                    .append(" distinct tokens of ")
                    .append(distinct.total)
                    .append(": one that occurs k times is drawn once and labelled \u00d7k.");
        }
        if (note != null && !note.isBlank()) {
            text.append(" ").append(note.strip());
        }
        return text.toString();
    }
}
