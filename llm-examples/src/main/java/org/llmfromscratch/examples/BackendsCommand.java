package org.llmfromscratch.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.BackendInfo;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm backends}: every discovered backend, whether it is available (and why not), its device,
 * and a self-test: the same seeded GPTEmbedding forward on each available backend, cross-checked
 * element by element against the pure-Java one (a gather and one float add: every backend must give the
 * same bits), and one verdict line per discovered backend, unavailable ones included.
 */
@Command(
        name = "backends",
        mixinStandardHelpOptions = true,
        description = "List the backends found on the class path, self-test and cross-check them.")
final class BackendsCommand implements Runnable {
    /** Small enough to build quickly, big enough to exercise real kernels: vocab 50257, dim 64, context 16. */
    static final GPTConfig SELF_TEST = GPTConfig.GPT2_124M.withContextLength(16).withEmbeddingDim(64);

    @Spec
    CommandSpec spec;

    @Option(names = "--no-self-test", description = "only list; skip running and cross-checking each backend")
    boolean skipSelfTest;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<BackendInfo> all = Backends.list();
        out.println("Discovered backends (highest priority first):");
        for (BackendInfo info : all) {
            out.printf(
                    Locale.ROOT,
                    "  %-8s priority %3d  %s%n",
                    info.name(),
                    info.priority(),
                    info.available()
                            ? "available    " + info.availability().detail()
                            : "UNAVAILABLE  " + info.availability().detail());
        }
        String requested = Backends.requestedName();
        out.println("Selected by default: "
                + (requested != null
                        ? requested + " (from -Dllm.backend / LLM_BACKEND)"
                        : all.stream()
                                        .filter(BackendInfo::available)
                                        .map(BackendInfo::name)
                                        .findFirst()
                                        .orElse("none") + " (highest priority; this tool itself defaults to java)"));
        if (!skipSelfTest) {
            selfTest(out, all);
        }
    }

    private void selfTest(PrintWriter out, List<BackendInfo> all) {
        out.println();
        out.println("Self-test: GPTEmbedding(vocab 50257, dim 64, context 16), seed 123, ids [2, 16]:");
        int[][] ids = new int[2][16];
        for (int t = 0; t < 16; t++) {
            ids[0][t] = t * 3137 % 50257;
            ids[1][t] = 50256 - t;
        }
        float[] reference = null;
        String referenceName = null;
        List<String> failures = new ArrayList<>();
        // The pure-Java backend goes first: it is the reference the others are compared with.
        List<BackendInfo> order = new ArrayList<>(all);
        order.sort(java.util.Comparator.comparing(info -> !info.name().equals("java")));
        for (BackendInfo info : order) {
            if (!info.available()) {
                out.printf(
                        Locale.ROOT,
                        "  %-8s not tested: unavailable (%s)%n",
                        info.name(),
                        info.availability().detail());
                continue;
            }
            try (TensorScope scope = TensorScope.open()) {
                long start = System.nanoTime();
                // The first use of a native backend may unpack hundreds of MB: show progress past a second.
                float[] result = Progress.during("self-test of " + info.name(), () -> {
                    Backend backend = Backends.get(info.name());
                    try (GPTEmbedding embedding = new GPTEmbedding(backend, SELF_TEST, 123L)) {
                        return embedding.forward(backend.tensor(ids)).toFloatArray();
                    }
                });
                double ms = (System.nanoTime() - start) / 1e6;
                if (reference == null) {
                    reference = result;
                    referenceName = info.name();
                    out.printf(Locale.ROOT, "  %-8s ok in %.0f ms (the reference for the others)%n", info.name(), ms);
                } else {
                    String difference = difference(reference, result);
                    out.printf(
                            Locale.ROOT,
                            "  %-8s %s in %.0f ms, %s%n",
                            info.name(),
                            difference == null ? "ok" : "DIFFERS",
                            ms,
                            difference == null
                                    ? "identical to " + referenceName + " (all " + result.length + " elements)"
                                    : difference + " (compared with " + referenceName + ")");
                    if (difference != null) {
                        failures.add(info.name());
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                out.printf(Locale.ROOT, "  %-8s FAILED: %s%n", info.name(), Errors.describe(e));
                failures.add(info.name());
            }
        }
        if (reference == null) {
            out.println("  no backend is available: nothing was tested");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("self-test failed for " + String.join(", ", failures));
        }
    }

    /**
     * Null when {@code got} equals {@code reference} bit for bit, element for element, and has the same
     * length; else what differs. The forward is a gather and one float add, exact on every backend.
     */
    static String difference(float[] reference, float[] got) {
        if (got.length != reference.length) {
            return got.length + " elements where the reference has " + reference.length;
        }
        int differing = 0;
        int first = -1;
        double largest = 0;
        for (int i = 0; i < got.length; i++) {
            if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(reference[i])) {
                differing++;
                first = first < 0 ? i : first;
                largest = Math.max(largest, Math.abs((double) got[i] - reference[i]));
            }
        }
        return differing == 0
                ? null
                : String.format(
                        Locale.ROOT,
                        "%d of %d elements differ (the first at %d: %s, " + "expected %s; largest difference %.3g)",
                        differing,
                        got.length,
                        first,
                        got[first],
                        reference[first],
                        largest);
    }
}
