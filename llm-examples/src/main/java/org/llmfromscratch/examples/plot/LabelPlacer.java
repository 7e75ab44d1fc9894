package org.llmfromscratch.examples.plot;

import java.awt.geom.Rectangle2D;

/**
 * Puts each dot's label next to it where it covers no other label and no dot: it tries eight
 * directions at growing distances and keeps the first free spot, else the least crowded one.
 * Greedy and deterministic, which is plenty for a few dozen tokens.
 */
final class LabelPlacer {

    /** Right first (where a reader looks), then left, above, below, then the diagonals. */
    private static final int[][] DIRECTIONS = {
        {1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {1, 1}, {-1, -1}, {-1, 1},
    };
    private static final int RINGS = 4;
    private static final double RING_STEP = 11;

    private LabelPlacer() {
    }

    /**
     * @param x         dot centres, horizontal, in pixels
     * @param y         dot centres, vertical, in pixels
     * @param width     label widths
     * @param height    the common label height
     * @param dotRadius dot radius in pixels
     * @param bounds    where labels must stay
     * @return one rectangle per label
     */
    static Rectangle2D[] place(double[] x, double[] y, double[] width, double height, double dotRadius,
            Rectangle2D bounds) {
        int n = x.length;
        Rectangle2D[] dots = new Rectangle2D[n];
        for (int i = 0; i < n; i++) {
            dots[i] = new Rectangle2D.Double(x[i] - dotRadius - 1, y[i] - dotRadius - 1,
                    2 * dotRadius + 2, 2 * dotRadius + 2);
        }
        Rectangle2D[] placed = new Rectangle2D[n];
        for (int i = 0; i < n; i++) {
            Rectangle2D best = null;
            double bestScore = Double.POSITIVE_INFINITY;
            search:
            for (int ring = 0; ring < RINGS; ring++) {
                double gap = 3 + ring * RING_STEP;
                for (int[] d : DIRECTIONS) {
                    double cx = x[i] + d[0] * (dotRadius + gap + width[i] / 2);
                    double cy = y[i] + d[1] * (dotRadius + gap + height / 2);
                    Rectangle2D candidate = new Rectangle2D.Double(cx - width[i] / 2, cy - height / 2,
                            width[i], height);
                    double score = crowding(candidate, placed, i, dots, bounds);
                    if (score < bestScore) {
                        bestScore = score;
                        best = candidate;
                        if (score == 0) {
                            break search;
                        }
                    }
                }
            }
            placed[i] = best;
        }
        return placed;
    }

    /** Overlapping area with earlier labels and with dots, plus a heavy price for leaving the bounds. */
    private static double crowding(Rectangle2D candidate, Rectangle2D[] placed, int count, Rectangle2D[] dots,
            Rectangle2D bounds) {
        double score = 0;
        for (int j = 0; j < count; j++) {
            score += overlap(candidate, placed[j]);
        }
        for (Rectangle2D dot : dots) {
            score += overlap(candidate, dot);
        }
        double inside = overlap(candidate, bounds);
        double area = candidate.getWidth() * candidate.getHeight();
        return score + 100 * (area - inside);
    }

    static double overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }
}
