package org.llmfromscratch.examples;

import java.io.PrintStream;
import java.util.Locale;
import org.llmfromscratch.data.ProgressListener;

/**
 * The tool's progress bar for the library's {@link ProgressListener} reports (bytes done of a total): one
 * line on standard error, redrawn in place with {@code \r}, that appears only once a job has run for more
 * than a second (short jobs stay quiet) and at most five times a second. {@code llm data generate} and
 * {@code llm data encode} both draw it.
 */
final class ProgressBar implements ProgressListener {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean shown;

    /** @param total bytes expected, or -1 when unknown */
    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** A report from the library: {@code total} (-1 unknown) replaces the total given at construction. */
    @Override
    public synchronized void progress(long done, long total) {
        this.total = total;
        update(done);
    }

    synchronized void update(long done) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(done, now, false);
    }

    /** Draws the final state and ends the line, if the bar was ever shown. */
    synchronized void finish(long done, String summary) {
        if (out != null && shown) {
            draw(done, System.nanoTime(), true);
            out.println(summary.isEmpty() ? "" : "  " + summary);
            out.flush();
        }
    }

    boolean shown() {
        return shown;
    }

    private void draw(long done, long now, boolean last) {
        shown = true;
        double seconds = (now - start) / 1e9;
        double mb = done / 1e6;
        StringBuilder line = new StringBuilder("\r").append(label).append(' ');
        if (total > 0) {
            double f = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(f * WIDTH);
            line.append('[')
                    .append("#".repeat(filled))
                    .append("-".repeat(WIDTH - filled))
                    .append("] ");
            line.append(String.format(Locale.ROOT, "%3.0f%% %.1f/%.1f MB", 100 * f, mb, total / 1e6));
        } else {
            line.append(String.format(Locale.ROOT, "%.1f MB", mb));
        }
        line.append(String.format(Locale.ROOT, " %.1f MB/s %.0fs", mb / Math.max(seconds, 1e-9), seconds));
        if (total > 0 && !last && done > 0) {
            line.append(String.format(Locale.ROOT, " ETA %.0fs", seconds * (total - done) / done));
        }
        out.print(line);
        out.flush();
    }
}
