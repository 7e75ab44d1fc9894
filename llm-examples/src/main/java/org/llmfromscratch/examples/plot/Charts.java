package org.llmfromscratch.examples.plot;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** What the pictures share: fonts, and writing a PNG. */
final class Charts {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {}

    /** Writes {@code image} as a PNG, creating parent folders. */
    static void save(BufferedImage image, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }
}
