package org.llmfromscratch.examples.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tick positions at round numbers (1, 2 or 5 times a power of ten) and their labels. */
final class NiceTicks {

    private NiceTicks() {
    }

    /** The smallest round step that cuts {@code range} into at most about {@code target} pieces. */
    static double step(double range, int target) {
        if (!(range > 0)) {
            return 1;
        }
        double raw = range / Math.max(1, target);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= raw * (1 - 1e-9)) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /** Multiples of {@code step} inside [lo, hi]. */
    static List<Double> values(double lo, double hi, double step) {
        List<Double> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            ticks.add(k * step);
        }
        return ticks;
    }

    /**
     * Row or column indices to label among {@code count}: round multiples, and always the last index
     * (it replaces the last multiple when the two would crowd each other), so a reader sees "0 ... 255".
     */
    static List<Integer> indices(int count, int target) {
        int step = (int) Math.max(1, Math.round(step(count - 1, Math.max(1, target))));
        List<Integer> ticks = new ArrayList<>();
        for (int i = 0; i < count; i += step) {
            ticks.add(i);
        }
        int last = count - 1;
        int lastTick = ticks.get(ticks.size() - 1);
        if (lastTick != last) {
            if (last - lastTick < (step + 1) / 2 && ticks.size() > 1) {
                ticks.remove(ticks.size() - 1);
            }
            ticks.add(last);
        }
        return ticks;
    }

    /** A tick label with just enough decimals for ticks {@code step} apart. */
    static String format(double value, double step) {
        int decimals = (int) Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
        if (Math.abs(value) < step * 1e-6) {
            value = 0; // avoids "-0.0" from rounding noise
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A data value (a minimum, a maximum) to three significant digits, without exponent for usual sizes. */
    static String format(double value) {
        double magnitude = Math.abs(value);
        if (value == 0) {
            return "0";
        }
        if (magnitude >= 1e4 || magnitude < 1e-3) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        int decimals = (int) Math.max(0, 2 - Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
