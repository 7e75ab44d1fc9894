package org.llmfromscratch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats a tensor the way PyTorch prints it: 4 decimals for non-integral floats, columns aligned,
 * rows on their own lines, and tensors over 1000 elements summarized to 3 items at each edge with
 * {@code ...}, as {@code torch.set_printoptions} does by default.
 */
final class TensorFormatter {
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    private TensorFormatter() {}

    static String format(Tensor t) {
        double[] values = t.toDoubleArray();
        int[] dims = t.shape().toArray();
        boolean summarize = values.length > THRESHOLD;
        boolean isFloat = t.dtype() == DType.FLOAT32;
        // PyTorch chooses the format from the printed values only (get_summarized_data): a tiny logit in the
        // elided middle must not switch GPT's [2, 4, 50257] logits to scientific notation.
        ElementFormat ef = ElementFormat.choose(
                summarize && dims.length > 0
                        ? visible(values, dims, true).stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray()
                        : values,
                isFloat);
        StringBuilder sb = new StringBuilder(PREFIX);
        if (dims.length == 0) {
            sb.append(ef.format(values[0]).trim());
        } else {
            int width = 0;
            for (double v : visible(values, dims, summarize)) {
                width = Math.max(width, ef.format(v).length());
            }
            block(sb, values, dims, 0, 0, width, ef, summarize);
        }
        if (t.dtype() == DType.INT32) {
            sb.append(", dtype=").append(t.dtype().torchName());
        }
        if (t.numel() == 0) {
            sb.append(", size=(").append(joinDims(dims)).append(")");
        }
        return sb.append(')').toString();
    }

    private static String joinDims(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return dims.length == 1 ? sb.append(",").toString() : sb.toString();
    }

    private static void block(
            StringBuilder sb,
            double[] v,
            int[] dims,
            int depth,
            long offset,
            int width,
            ElementFormat ef,
            boolean summarize) {
        long stride = 1;
        for (int i = depth + 1; i < dims.length; i++) {
            stride *= dims[i];
        }
        int n = dims[depth];
        List<Integer> shown = shownIndices(n, summarize);
        sb.append('[');
        int indent = PREFIX.length() + depth + 1;
        if (depth == dims.length - 1) {
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (width + 2));
            for (int k = 0; k < shown.size(); k++) {
                if (k > 0) {
                    sb.append(k % perLine == 0 ? ",\n" + " ".repeat(indent) : ", ");
                }
                int i = shown.get(k);
                sb.append(i < 0 ? " ..." : pad(ef.format(v[(int) (offset + i)]), width)); // PyTorch's ' ...'
            }
        } else {
            String sep = ",\n" + "\n".repeat(dims.length - depth - 2) + " ".repeat(indent);
            for (int k = 0; k < shown.size(); k++) {
                if (k > 0) {
                    sb.append(sep);
                }
                int i = shown.get(k);
                if (i < 0) {
                    sb.append("...");
                } else {
                    block(sb, v, dims, depth + 1, offset + i * stride, width, ef, summarize);
                }
            }
        }
        sb.append(']');
    }

    /** Indices to print along a dimension; -1 stands for the "..." of a summarized dimension. */
    private static List<Integer> shownIndices(int n, boolean summarize) {
        List<Integer> out = new ArrayList<>();
        if (summarize && n > 2 * EDGE_ITEMS) {
            for (int i = 0; i < EDGE_ITEMS; i++) {
                out.add(i);
            }
            out.add(-1);
            for (int i = n - EDGE_ITEMS; i < n; i++) {
                out.add(i);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
        }
        return out;
    }

    /** The values that will be printed, to size the columns. */
    private static List<Double> visible(double[] v, int[] dims, boolean summarize) {
        List<Double> out = new ArrayList<>();
        collect(out, v, dims, 0, 0, summarize);
        return out;
    }

    private static void collect(List<Double> out, double[] v, int[] dims, int depth, long offset, boolean summarize) {
        long stride = 1;
        for (int i = depth + 1; i < dims.length; i++) {
            stride *= dims[i];
        }
        for (int i : shownIndices(dims[depth], summarize)) {
            if (i < 0) {
                continue;
            }
            if (depth == dims.length - 1) {
                out.add(v[(int) (offset + i)]);
            } else {
                collect(out, v, dims, depth + 1, offset + i * stride, summarize);
            }
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** PyTorch's three float modes: integral ({@code 3.}), fixed ({@code 0.3374}) and scientific. */
    private static final class ElementFormat {
        private final boolean isFloat;
        private final boolean integral;
        private final boolean scientific;

        private ElementFormat(boolean isFloat, boolean integral, boolean scientific) {
            this.isFloat = isFloat;
            this.integral = integral;
            this.scientific = scientific;
        }

        static ElementFormat choose(double[] v, boolean isFloat) {
            if (!isFloat) {
                return new ElementFormat(false, true, false);
            }
            boolean integral = true;
            double maxAbs = 0;
            double minAbs = Double.MAX_VALUE;
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    continue;
                }
                integral &= x == Math.rint(x);
                double a = Math.abs(x);
                if (a != 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            }
            boolean sci = maxAbs > 0 && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || (!integral && minAbs < 1e-4));
            return new ElementFormat(true, integral && maxAbs < 1e8, sci);
        }

        String format(double x) {
            if (!isFloat) {
                return Long.toString((long) x);
            }
            if (Double.isNaN(x)) {
                return "nan";
            }
            if (Double.isInfinite(x)) {
                return x > 0 ? "inf" : "-inf";
            }
            if (integral) {
                return (long) x + ".";
            }
            if (scientific) {
                return String.format(Locale.ROOT, "%.4e", x).replaceAll("e([+-])(\\d)$", "e$10$2");
            }
            return String.format(Locale.ROOT, "%.4f", x);
        }
    }
}
