package org.llmfromscratch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.llmfromscratch.api.BackendInfo;
import org.llmfromscratch.api.Backends;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH results into the README's Markdown tables, every figure beside its yardstick from the same run. */
final class ResultsTable {
    private static final String[] BACKENDS = {"java-1t", "java-2t", "java-2t-scalar", "nd4j", "aparapi", "djl"};

    private final Map<String, RunResult> byKey = new LinkedHashMap<>();

    ResultsTable(List<RunResult> results) {
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            StringBuilder key = new StringBuilder(method);
            for (String p : r.getParams().getParamsKeys()) {
                key.append(' ').append(p).append('=').append(r.getParams().getParam(p));
            }
            // A benchmark measured twice (the yardstick) keeps its faster run.
            byKey.merge(key.toString(), r,
                    (a, b) -> a.getPrimaryResult().getScore() <= b.getPrimaryResult().getScore() ? a : b);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(machine()).append(", ")
                .append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append(".\n\n");
        embedding(md);
        loops(md);
        tokenizer(md);
        batches(md);
        return md.toString();
    }

    private void embedding(StringBuilder md) {
        md.append("### GPTEmbedding forward (`out = tok[ids] + pos[0..T-1]`), against `System.arraycopy` of the same bytes\n\n");
        md.append("| backend | size | time per call | GB/s | ratio to the copy |\n|---|---|---:|---:|---:|\n");
        for (Workload w : Workload.values()) {
            RunResult copy = byKey.get("CopyYardstickBenchmark.copy workload=" + w);
            double copyUs = copy == null ? Double.NaN : copy.getPrimaryResult().getScore();
            md.append(row("System.arraycopy from memory (the yardstick, 1 thread, faster of 2 runs)", w, copy, copyUs));
            RunResult cached = byKey.get("CopyYardstickBenchmark.copyCached workload=" + w);
            if (cached != null) {
                md.append(row("System.arraycopy of one hot window (cache-assisted, for reference)", w, cached, copyUs));
            }
            for (String backend : BACKENDS) {
                RunResult r = byKey.get("EmbeddingForwardBenchmark.forward backend=" + backend + " workload=" + w);
                if (r == null) {
                    md.append("| ").append(backend).append(" | ").append(label(w)).append(" | not run: ")
                            .append(whyNot(backend)).append(" | | |\n");
                } else {
                    md.append(row(backend, w, r, copyUs));
                }
            }
        }
        md.append("\nGB/s counts bytes read plus bytes written (output rows read from the table and written once), "
                + "as the copy does; ratio = copy time / forward time (higher is better, 1.0 = as fast as the copy). "
                + "`java-1t`/`java-2t`: the pure-Java backend on 1 and 2 threads with the Vector API "
                + "(`--add-modules jdk.incubator.vector`); `java-2t-scalar`: its fallback without that module.\n\n");
    }

    private String row(String name, Workload w, RunResult r, double copyUs) {
        Result p = r.getPrimaryResult();
        double us = p.getScore();
        double gbs = w.bytesMoved() / (us * 1e-6) / 1e9;
        return String.format(Locale.ROOT, "| %s | %s | %s ± %s | %.1f | %.2fx |%n", name, label(w), time(us),
                time(p.getScoreError()), gbs, copyUs / us);
    }

    private void loops(StringBuilder md) {
        RunResult copy = byKey.get("CopyYardstickBenchmark.copy workload=GPT2");
        if (copy == null) {
            return;
        }
        md.append("### The pure-Java inner loop, one thread, GPT-2 size, output preallocated\n\n");
        md.append("| loop | time per call | ratio to the copy |\n|---|---:|---:|\n");
        for (String loop : new String[] {"threeStreamLoop", "copyThenAddInL1", "addInScratchRow", "gatherOnly"}) {
            RunResult r = byKey.get("EmbedRowLoopBenchmark." + loop);
            if (r != null) {
                double us = r.getPrimaryResult().getScore();
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2fx |%n", loop, time(us),
                        copy.getPrimaryResult().getScore() / us));
            }
        }
        md.append('\n');
    }

    private void tokenizer(StringBuilder md) {
        RunResult base = byKey.get("TokenizerBenchmark.jtokkitEncodeOrdinary1Thread");
        if (base == null) {
            return;
        }
        double baseMb = secondary(base, "mbPerSecond");
        md.append("### GPT-2 tokenizer, 10.5 MB generated text with non-ASCII characters\n\n");
        md.append("| encoder | MB/s | ratio to jtokkit, 1 thread |\n|---|---:|---:|\n");
        for (String[] row : new String[][] {{"jtokkitEncodeOrdinary1Thread", "jtokkit `encodeOrdinary`, 1 thread"},
            {"corpusEncoder1Thread", "CorpusEncoder, 1 thread"}, {"corpusEncoder2Threads", "CorpusEncoder, 2 threads"}}) {
            RunResult r = byKey.get("TokenizerBenchmark." + row[0]);
            if (r != null) {
                double mb = secondary(r, "mbPerSecond");
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %.2fx |%n", row[1], mb, mb / baseMb));
            }
        }
        md.append('\n');
    }

    private void batches(StringBuilder md) {
        List<String> rows = new ArrayList<>();
        for (String shuffle : new String[] {"false", "true"}) {
            RunResult r = byKey.get("BatchAssemblyBenchmark.assembleBatch shuffle=" + shuffle);
            if (r != null) {
                rows.add(String.format(Locale.ROOT, "| %s | %.0f |%n", shuffle.equals("true") ? "shuffled" : "in order",
                        secondary(r, "tokensPerSecond") / 1e6));
            }
        }
        if (!rows.isEmpty()) {
            md.append("### Batch assembly, [8, 1024] input and target batches on the java backend\n\n");
            md.append("| order | million tokens/s |\n|---|---:|\n");
            rows.forEach(md::append);
            md.append('\n');
        }
    }

    private static double secondary(RunResult r, String name) {
        Result s = r.getSecondaryResults().get(name);
        return s == null ? Double.NaN : s.getScore();
    }

    private static String label(Workload w) {
        return w == Workload.GPT2 ? "GPT-2 [8, 1024] x 768" : "tutorial [8, 4] x 256";
    }

    private static String time(double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) : String.format(Locale.ROOT, "%.2f µs", us);
    }

    private static String whyNot(String backend) {
        for (BackendInfo info : Backends.list()) {
            if (info.name().equals(backend)) {
                return info.available() ? "failed, see the JMH log" : info.availability().detail();
            }
        }
        return "not on the class path";
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the core count still says something
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
