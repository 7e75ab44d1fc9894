package org.llmfromscratch.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * High-dimensional points (token embeddings) projected to 2-D with {@link Pca}, one labelled dot per
 * distinct point, on axes with equal scale so distances in the picture are distances in the
 * projection. The axes say how much of the total variance each component shows, and a caption below
 * the plot explains the picture to a newcomer.
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

    private static final int WIDTH = 960;
    private static final int PAD = 16;
    private static final int PLOT_X = 96;
    private static final int PLOT_WIDTH = WIDTH - PLOT_X - 40;
    private static final int PLOT_HEIGHT = 540;
    private static final double DOT_RADIUS = 4;
    private static final Color DOT = new Color(31, 119, 180);
    private static final Color DOT_EDGE = new Color(16, 64, 100);

    private PcaScatter() {
    }

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
        Canvas.save(render(points, labels, title, note), png);
    }

    /** Draws the scatter plot in memory; same arguments and checks as {@link #write(Path, float[][], String[], String, String)}. */
    public static BufferedImage render(float[][] points, String[] labels, String title, String note) {
        int[] shape = PlotInput.requireMatrix(points, "points");
        PlotInput.requireLabels(labels, shape[0], "labels");
        PlotInput.requireText(title, "title");
        if (shape[1] < 2) {
            throw new IllegalArgumentException("points have " + shape[1]
                    + " dimension; expected at least 2 for a 2-D projection");
        }
        DistinctPoints distinct = DistinctPoints.of(points, labels);
        Pca pca = Pca.fit(distinct.points, 2);
        double[][] xy = pca.project(distinct.points);

        int titleHeight = Canvas.height(Canvas.TITLE);
        int tickHeight = Canvas.height(Canvas.TICK);
        int labelHeight = Canvas.height(Canvas.LABEL);
        int plotY = PAD + titleHeight + 16;
        List<String> caption = wrap(caption(distinct, shape[1], note), WIDTH - 2 * PAD);
        int captionTop = plotY + PLOT_HEIGHT + 7 + tickHeight + 8 + labelHeight + 14;
        int height = captionTop + caption.size() * (tickHeight + 4) + PAD;

        Canvas canvas = new Canvas(WIDTH, height);
        canvas.text(title, Canvas.TITLE, Canvas.INK, WIDTH / 2.0, PAD + titleHeight / 2.0, Canvas.Align.CENTRE);
        ScatterFrame frame = new ScatterFrame(xy, PLOT_X, plotY, PLOT_WIDTH, PLOT_HEIGHT);
        frame.paint(canvas, axisLabel(pca, 0), axisLabel(pca, 1));
        paintPoints(canvas, frame, distinct, xy);
        for (int i = 0; i < caption.size(); i++) {
            canvas.text(caption.get(i), Canvas.TICK, Canvas.MUTED, PAD,
                    captionTop + i * (tickHeight + 4) + tickHeight / 2.0, Canvas.Align.LEFT);
        }
        return canvas.finish();
    }

    private static void paintPoints(Canvas canvas, ScatterFrame frame, DistinctPoints distinct, double[][] xy) {
        int n = xy.length;
        double[] px = new double[n];
        double[] py = new double[n];
        double[] widths = new double[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            px[i] = frame.pixelX(xy[i][0]);
            py[i] = frame.pixelY(xy[i][1]);
            texts[i] = distinct.displayLabel(i);
            widths[i] = Canvas.width(Canvas.TICK, texts[i]) + 2;
        }
        double labelHeight = Canvas.height(Canvas.TICK);
        Rectangle2D bounds = new Rectangle2D.Double(frame.x, frame.y, frame.width, frame.height);
        Rectangle2D[] boxes = LabelPlacer.place(px, py, widths, labelHeight, DOT_RADIUS, bounds);

        canvas.g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < n; i++) {
            Rectangle2D box = boxes[i];
            double nearestX = Math.max(box.getMinX(), Math.min(px[i], box.getMaxX()));
            double nearestY = Math.max(box.getMinY(), Math.min(py[i], box.getMaxY()));
            if (Math.hypot(nearestX - px[i], nearestY - py[i]) > DOT_RADIUS + 6) {
                canvas.g.setColor(Color.GRAY); // a leader line when the label had to move away
                canvas.g.draw(new Line2D.Double(px[i], py[i], nearestX, nearestY));
            }
        }
        for (int i = 0; i < n; i++) {
            Ellipse2D dot = new Ellipse2D.Double(px[i] - DOT_RADIUS, py[i] - DOT_RADIUS, 2 * DOT_RADIUS,
                    2 * DOT_RADIUS);
            canvas.g.setColor(DOT);
            canvas.g.fill(dot);
            canvas.g.setColor(DOT_EDGE);
            canvas.g.draw(dot);
        }
        for (int i = 0; i < n; i++) {
            canvas.text(texts[i], Canvas.TICK, Canvas.INK, boxes[i].getMinX() + 1, boxes[i].getCenterY(),
                    Canvas.Align.LEFT);
        }
    }

    static String axisLabel(Pca pca, int component) {
        return String.format(Locale.ROOT, "PC%d (%.1f%% of variance)", component + 1,
                100 * pca.explainedVarianceRatio(component));
    }

    static String caption(DistinctPoints distinct, int dimension, String note) {
        int n = distinct.points.length;
        StringBuilder text = new StringBuilder();
        text.append("Each dot is one token's ").append(dimension).append("-dimensional embedding, projected to 2-D"
                + " with PCA: PC1 and PC2 are the two directions in which these ").append(n)
                .append(" embeddings spread most; the axis titles say how much of the total spread each shows."
                        + " Both axes have the same scale.");
        if (n < distinct.total) {
            text.append(" ").append(n).append(" distinct tokens of ").append(distinct.total)
                    .append(": one that occurs k times is drawn once and labelled \u00d7k.");
        }
        if (note != null && !note.isBlank()) {
            text.append(" ").append(note.strip());
        }
        return text.toString();
    }

    /** Greedy word wrap to {@code maxWidth} pixels in the caption font. */
    static List<String> wrap(String text, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && Canvas.width(Canvas.TICK, candidate) > maxWidth) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
