package org.llmfromscratch.examples.plot;

import java.awt.image.BufferedImage;

/** Pixel checks shared by the picture tests. */
final class Pixels {

    private Pixels() {}

    static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    static int green(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    static int blue(int rgb) {
        return rgb & 0xff;
    }

    /** Dark, text-like pixels (all channels below 120) in the box [x0, x1) x [y0, y1). */
    static int inkIn(BufferedImage image, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x1); x++) {
                int rgb = image.getRGB(x, y);
                if (red(rgb) < 120 && green(rgb) < 120 && blue(rgb) < 120) {
                    count++;
                }
            }
        }
        return count;
    }
}
