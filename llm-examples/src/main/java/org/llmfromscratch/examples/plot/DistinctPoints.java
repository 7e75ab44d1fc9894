package org.llmfromscratch.examples.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled points with exact repeats merged: a token that occurs three times in a batch has three
 * identical embeddings, which would be drawn as one dot under three overlapping labels.
 */
final class DistinctPoints {

    /** The first occurrence of each distinct (label, point) pair, in input order. */
    final float[][] points;

    final String[] labels;
    /** How many times each distinct pair occurred. */
    final int[] counts;
    /** The number of points before merging. */
    final int total;

    private DistinctPoints(float[][] points, String[] labels, int[] counts, int total) {
        this.points = points;
        this.labels = labels;
        this.counts = counts;
        this.total = total;
    }

    static DistinctPoints of(float[][] points, String[] labels) {
        Map<Key, Integer> firstIndex = new LinkedHashMap<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            Key key = new Key(labels[i], points[i]);
            Integer seen = firstIndex.get(key);
            if (seen == null) {
                firstIndex.put(key, counts.size());
                counts.add(1);
            } else {
                counts.set(seen, counts.get(seen) + 1);
            }
        }
        int n = counts.size();
        float[][] distinct = new float[n][];
        String[] distinctLabels = new String[n];
        int[] distinctCounts = new int[n];
        int i = 0;
        for (Key key : firstIndex.keySet()) {
            distinct[i] = key.point;
            distinctLabels[i] = key.label;
            distinctCounts[i] = counts.get(i);
            i++;
        }
        return new DistinctPoints(distinct, distinctLabels, distinctCounts, points.length);
    }

    /** The label to draw: the text, followed by "×k" when it occurred k > 1 times. */
    String displayLabel(int index) {
        String text = printable(labels[index]);
        return counts[index] > 1 ? text + " \u00d7" + counts[index] : text;
    }

    private static final class Key {
        final String label;
        final float[] point;
        private final int hash;

        Key(String label, float[] point) {
            this.label = label;
            this.point = point;
            this.hash = 31 * label.hashCode() + Arrays.hashCode(point);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.label.equals(label) && Arrays.equals(k.point, point);
        }

        @Override
        public int hashCode() {
            return hash;
        }
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
}
