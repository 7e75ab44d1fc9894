package org.llmfromscratch.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A white image with anti-aliased text helpers, and the one place that writes PNG files.
 * Sets {@code java.awt.headless=true} before AWT starts (unless the caller chose a value), so pictures
 * can be made on a server or in CI without a display.
 */
final class Canvas {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color INK = new Color(33, 33, 33);
    static final Color FRAME = new Color(110, 110, 110);
    static final Color GRID = new Color(228, 228, 228);
    static final Color MUTED = new Color(90, 90, 90);

    /** Horizontal anchoring of a text relative to its x coordinate. */
    enum Align { LEFT, CENTRE, RIGHT }

    /** Measures text before an image of the right size exists. */
    private static final Graphics2D MEASURE = hinted(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));

    final BufferedImage image;
    final Graphics2D g;

    Canvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = hinted(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    private static Graphics2D hinted(BufferedImage image) {
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return graphics;
    }

    static FontMetrics metrics(Font font) {
        synchronized (MEASURE) {
            return MEASURE.getFontMetrics(font);
        }
    }

    static int width(Font font, String text) {
        return metrics(font).stringWidth(text);
    }

    /** Line height: ascent plus descent. */
    static int height(Font font) {
        FontMetrics m = metrics(font);
        return m.getAscent() + m.getDescent();
    }

    /** Draws {@code text} anchored at x, its box vertically centred on {@code centreY}. */
    void text(String text, Font font, Color color, double x, double centreY, Align align) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics m = g.getFontMetrics();
        double w = m.stringWidth(text);
        double left = align == Align.LEFT ? x : align == Align.CENTRE ? x - w / 2 : x - w;
        double baseline = centreY + (m.getAscent() - m.getDescent()) / 2.0;
        g.drawString(text, (float) left, (float) baseline);
    }

    /** Draws {@code text} rotated a quarter turn anticlockwise (reading bottom to top), centred on (cx, cy). */
    void verticalText(String text, Font font, Color color, double cx, double cy) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        text(text, font, color, 0, 0, Align.CENTRE);
        g.setTransform(saved);
    }

    /** Makes a label safe to draw: control characters (a token may be "\n") become visible escapes. */
    static String printable(String label) {
        StringBuilder out = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char ch = label.charAt(i);
            switch (ch) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(ch)) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Finishes drawing and returns the picture. */
    BufferedImage finish() {
        g.dispose();
        return image;
    }

    /** Writes {@code image} as a PNG, creating missing parent folders. */
    static void save(BufferedImage image, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer in javax.imageio; cannot write " + png);
        }
    }
}
