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
            byKey.merge(
                    key.toString(),
                    r,
                    (a, b) -> a.getPrimaryResult().getScore()
                                    <= b.getPrimaryResult().getScore()
                            ? a
                            : b);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Measured ")
                .append(LocalDate.now())
                .append(" on ")
                .append(machine())
                .append(", ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(Runtime.version())
                .append(".\n\n");
        embedding(md);
        loops(md);
        matmul(md);
        embeddingBackward(md);
        trainingStep(md);
        attention(md);
        gpt2Forward(md);
        generation(md);
        gpt2TrainingStep(md);
        tokenizer(md);
        batches(md);
        return md.toString();
    }

    private void embedding(StringBuilder md) {
        if (byKey.keySet().stream()
                .noneMatch(
                        k -> k.startsWith("EmbeddingForwardBenchmark.") || k.startsWith("CopyYardstickBenchmark."))) {
            return; // not run (-Dllm.bench.only)
        }
        md.append(
                "### GPTEmbedding forward (`out = tok[ids] + pos[0..T-1]`), against `System.arraycopy` of the same bytes\n\n");
        md.append("| backend | size | time per call | GB/s | ratio to the copy |\n|---|---|---:|---:|---:|\n");
        for (Workload w : Workload.values()) {
            RunResult copy = byKey.get("CopyYardstickBenchmark.copy workload=" + w);
            double copyUs = copy == null ? Double.NaN : copy.getPrimaryResult().getScore();
            if (copy != null) {
                md.append(row(
                        "System.arraycopy from memory (the yardstick, 1 thread, faster of 2 runs)", w, copy, copyUs));
            }
            RunResult cached = byKey.get("CopyYardstickBenchmark.copyCached workload=" + w);
            if (cached != null) {
                md.append(row("System.arraycopy of one hot window (cache-assisted, for reference)", w, cached, copyUs));
            }
            for (String backend : BACKENDS) {
                RunResult r = byKey.get("EmbeddingForwardBenchmark.forward backend=" + backend + " workload=" + w);
                if (r == null) {
                    md.append("| ")
                            .append(backend)
                            .append(" | ")
                            .append(label(w))
                            .append(" | not run: ")
                            .append(whyNot(backend))
                            .append(" | | |\n");
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
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s ± %s | %.1f | %.2fx |%n",
                name,
                label(w),
                time(us),
                time(p.getScoreError()),
                gbs,
                copyUs / us);
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
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.2fx |%n",
                        loop,
                        time(us),
                        copy.getPrimaryResult().getScore() / us));
            }
        }
        md.append('\n');
    }

    private static final String[][] MATMUL_IMPLS = {
        {"java-1t", "java backend kernel, 1 thread", "openblas-1t"},
        {"java-2t", "java backend kernel, 2 threads", "openblas-2t"},
        {"openblas-1t", "OpenBLAS sgemm via `Nd4j.gemm`, preallocated output, 1 thread (yardstick)", "openblas-1t"},
        {"openblas-2t", "OpenBLAS sgemm via `Nd4j.gemm`, preallocated output, 2 threads (yardstick)", "openblas-2t"},
        {"api-java", "java through the tensor API", "openblas-2t"},
        {"api-nd4j", "nd4j through the tensor API", "openblas-2t"},
        {"api-djl", "djl through the tensor API", "openblas-2t"},
        {"api-aparapi", "aparapi through the tensor API", "openblas-2t"}
    };

    /** GFLOPS of one matmul result, or NaN when it did not run. */
    private double gflops(String impl, String layout) {
        RunResult r = byKey.get("MatmulBenchmark.multiply impl=" + impl + " layout=" + layout);
        if (r == null) {
            return Double.NaN;
        }
        double ms = r.getPrimaryResult().getScore();
        return 2.0 * 1024 * 768 * 3072 / (ms * 1e-3) / 1e9;
    }

    private void matmul(StringBuilder md) {
        if (byKey.keySet().stream().noneMatch(k -> k.startsWith("MatmulBenchmark."))) {
            return;
        }
        String[] layouts = {"AB", "ABt", "AtB"};
        md.append(
                "### Matrix multiply, float32 [1024 x 768] x [768 x 3072], GFLOPS (ratio to OpenBLAS, same thread count)\n\n");
        md.append("| implementation | A @ B | A @ B^T | A^T @ B |\n|---|---:|---:|---:|\n");
        for (String[] impl : MATMUL_IMPLS) {
            md.append("| ").append(impl[1]);
            for (String layout : layouts) {
                double g = gflops(impl[0], layout);
                double base = gflops(impl[2], layout);
                if (Double.isNaN(g)) {
                    md.append(" | not run");
                } else if (impl[0].equals(impl[2])) {
                    md.append(String.format(Locale.ROOT, " | %.1f", g));
                } else {
                    md.append(String.format(Locale.ROOT, " | %.1f (%.2fx)", g, g / base));
                }
            }
            md.append(" |\n");
        }
        md.append(
                "\nA^T @ B stores A as [768, 1024] (a weight gradient), A @ B^T stores B as [3072, 768] (`nn.Linear`). "
                        + "The API rows allocate (or recycle) the output and close it every call, on each backend's default "
                        + "threads; their ratio is to OpenBLAS on 2 threads.\n\n");
    }

    private void embeddingBackward(StringBuilder md) {
        RunResult loop = byKey.get("EmbeddingBackwardLoopBenchmark.plainLoop");
        if (loop == null && byKey.keySet().stream().noneMatch(k -> k.startsWith("EmbeddingBackwardBenchmark."))) {
            return;
        }
        double loopMs = loop == null ? Double.NaN : loop.getPrimaryResult().getScore();
        md.append("### Embedding backward, GPT-2 size (ids [8, 1024] over 50257, dim 768)\n\n");
        md.append("| case | backend | time per call | ratio to the plain loop |\n|---|---|---:|---:|\n");
        if (loop != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "| `grad[ids[i]] += dOut[i]`, plain Java loop, 1 thread (yardstick) | - | %s | 1.00x |%n",
                    ms(loop)));
        }
        String[][] cases = {
            {"accumulateInto", "accumulate into the existing gradient (`scatterAddRowsInto`)"},
            {"zeroGrad", "`zeroGrad(false)` of the [50257, 768] gradient"},
            {"freshDense", "as PyTorch: new dense zeroed gradient plus the rows (`scatterAddRows`)"}
        };
        for (String[] c : cases) {
            for (String backend : new String[] {"java-1t", "java-2t", "djl"}) {
                RunResult r = byKey.get("EmbeddingBackwardBenchmark." + c[0] + " backend=" + backend);
                if (r == null) {
                    md.append("| ")
                            .append(c[1])
                            .append(" | ")
                            .append(backend)
                            .append(" | not run: ")
                            .append(whyNot(backend))
                            .append(" | |\n");
                } else {
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %.2fx |%n",
                            c[1],
                            backend,
                            ms(r),
                            loopMs / r.getPrimaryResult().getScore()));
                }
            }
        }
        md.append("\nratio = plain-loop time / time (higher is better).\n\n");
    }

    private void trainingStep(StringBuilder md) {
        RunResult r = byKey.get("TrainingStepBenchmark.step");
        if (r == null) {
            return;
        }
        double bytes = secondary(r, "gc.alloc.rate.norm");
        if (Double.isNaN(bytes)) {
            bytes = secondary(r, "·gc.alloc.rate.norm");
        }
        md.append("### Heap allocated per training step, java backend, 2 threads\n\n");
        md.append(
                "Embedding [4 x 128 tokens, vocab 4096, dim 128] -> Linear(128, 4096) -> cross-entropy -> backward -> "
                        + "`AdamW.step()` (the fused `adamStep`), `zeroGrad()` (activations: 8 MB of logits alone).\n\n");
        md.append("| time per step | bytes allocated per step (JMH `-prof gc`) |\n|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %s | %.0f |%n%n", ms(r), bytes));
    }

    /** The results of {@code prefix} (a benchmark method) by their {@code workload} and {@code backend} parameters. */
    private Map<String, RunResult> byWorkloadBackend(String prefix) {
        Map<String, RunResult> found = new LinkedHashMap<>();
        for (Map.Entry<String, RunResult> e : byKey.entrySet()) {
            if (e.getKey().startsWith(prefix + " ")) {
                RunResult r = e.getValue();
                found.put(
                        r.getParams().getParam("workload") + " " + r.getParams().getParam("backend"), r);
            }
        }
        return found;
    }

    private void attention(StringBuilder md) {
        Map<String, RunResult> rs = byWorkloadBackend("AttentionBenchmark.forwardBackward");
        if (rs.isEmpty()) {
            return;
        }
        md.append(
                "### GPT-2 multi-head attention, forward and backward (causal, dropout 0), GFLOPS beside OpenBLAS\n\n");
        md.append(
                "| backend | size | time per call | GFLOPS | ratio to OpenBLAS sgemm, 2 threads |\n|---|---|---:|---:|---:|\n");
        for (String workload : new String[] {"GPT2", "QUICK", "TUTORIAL"}) {
            int[] s = AttentionBenchmark.shape(workload);
            String size = String.format(Locale.ROOT, "[%d, %d, %d], %d heads", s[0], s[1], s[2], s[3]);
            RunResult blas = rs.get(workload + " openblas-2t");
            double blasGflops = blas == null
                    ? Double.NaN
                    : AttentionBenchmark.gemmFlops(workload)
                            / (blas.getPrimaryResult().getScore() * 1e-3)
                            / 1e9;
            if (blas != null) {
                md.append(String.format(
                        Locale.ROOT,
                        "| OpenBLAS sgemm [B*T, d] x [d, 3d], 2 threads (yardstick) | %s | %s | %.1f | 1.00x |%n",
                        size,
                        ms(blas),
                        blasGflops));
            }
            for (String backend : new String[] {"java", "djl", "nd4j", "aparapi"}) {
                RunResult r = rs.get(workload + " " + backend);
                if (r == null) {
                    continue;
                }
                double g = AttentionBenchmark.flops(workload)
                        / (r.getPrimaryResult().getScore() * 1e-3)
                        / 1e9;
                md.append(String.format(
                        Locale.ROOT, "| %s | %s | %s | %.1f | %.2fx |%n", backend, size, ms(r), g, g / blasGflops));
            }
        }
        md.append("\nGFLOPS count the four projections (8 B T d^2) and the causal half of Q K^T and P V (2 B T^2 d), "
                + "backward twice the forward; java fuses attention (no [B*H, T, T] weights), the others compose it "
                + "from matmul and softmax. Default threads per backend.\n\n");
    }

    private void gpt2Forward(StringBuilder md) {
        Map<String, RunResult> rs = byWorkloadBackend("Gpt2ForwardBenchmark.forward");
        if (rs.isEmpty()) {
            return;
        }
        md.append("### GPT-2 124M forward (tied head, evaluation, no gradients), tokens per second\n\n");
        md.append(
                "| backend | batch x tokens | time per forward | tokens/s | ratio to djl |\n|---|---|---:|---:|---:|\n");
        for (String workload : new String[] {"GPT2", "QUICK", "GPT2x8", "TUTORIAL"}) {
            int n = Gpt2ForwardBenchmark.batch(workload) * Gpt2ForwardBenchmark.tokens(workload);
            RunResult djl = rs.get(workload + " djl");
            for (String backend : new String[] {"java", "djl", "nd4j", "aparapi"}) {
                RunResult r = rs.get(workload + " " + backend);
                if (r != null) {
                    double ms = r.getPrimaryResult().getScore();
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %d x %d | %s | %.0f | %.2fx |%n",
                            backend,
                            Gpt2ForwardBenchmark.batch(workload),
                            Gpt2ForwardBenchmark.tokens(workload),
                            ms(r),
                            n / (ms * 1e-3),
                            djl == null ? Double.NaN : djl.getPrimaryResult().getScore() / ms));
                }
            }
        }
        md.append('\n');
    }

    private void generation(StringBuilder md) {
        Map<String, RunResult> rs = byWorkloadBackend("GenerationBenchmark.generate");
        if (rs.isEmpty()) {
            return;
        }
        RunResult copy = byKey.get("CopyYardstickBenchmark.copy workload=GPT2");
        double copyGbs = copy == null
                ? Double.NaN
                : Workload.GPT2.bytesMoved() / (copy.getPrimaryResult().getScore() * 1e-6) / 1e9;
        double boundMs = GenerationBenchmark.WEIGHT_BYTES / (copyGbs * 1e9) * 1e3;
        md.append(
                "### Generation with the key-value cache, GPT-2 124M (tied head), batch 1, 1,009..1,024 tokens of context\n\n");
        md.append(
                "| backend | size | ms per new token | weights (498 MB) at the copy's GB/s | ratio to that bound |\n|---|---|---:|---:|---:|\n");
        for (Map.Entry<String, RunResult> e : rs.entrySet()) {
            double ms = e.getValue().getPrimaryResult().getScore();
            boolean real = !e.getKey().startsWith("TUTORIAL ");
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %s | %s |%n",
                    e.getKey().split(" ")[1],
                    real ? "GPT-2 124M" : "tiny (smoke)",
                    ms,
                    real ? String.format(Locale.ROOT, "%.2f ms (copy %.1f GB/s)", boundMs, copyGbs) : "-",
                    real ? String.format(Locale.ROOT, "%.2fx", boundMs / ms) : "-"));
        }
        md.append(
                "\nEach new token reads every weight once; the bound is the time the copy yardstick of this run "
                        + "(1 thread, `System.arraycopy` from memory) takes to move the weights' bytes (ratio 1.0 = as fast).\n\n");
    }

    private void gpt2TrainingStep(StringBuilder md) {
        Map<String, RunResult> rs = byWorkloadBackend("Gpt2TrainingStepBenchmark.step");
        if (rs.isEmpty()) {
            return;
        }
        md.append("### Chapter 5's training step: GPT-2 124M (163M parameters, own head), batch 2 x 256, AdamW\n\n");
        md.append(
                "| backend | size | seconds per step | GFLOPS (6 x 163e6 x 512 / s) | ratio to djl |\n|---|---|---:|---:|---:|\n");
        for (String workload : new String[] {"GPT2", "QUICK", "TUTORIAL"}) {
            RunResult djl = rs.get(workload + " djl");
            for (String backend : new String[] {"java", "djl"}) {
                RunResult r = rs.get(workload + " " + backend);
                if (r != null) {
                    double s = r.getPrimaryResult().getScore() / 1e3;
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %.2f | %.1f | %.2fx |%n",
                            backend,
                            workload.equals("TUTORIAL") ? "tiny (smoke)" : "GPT-2 124M",
                            s,
                            6 * 163e6 * 512 / s / 1e9,
                            djl == null ? Double.NaN : djl.getPrimaryResult().getScore() / 1e3 / s));
                }
            }
        }
        md.append(
                "\nDropout 0.1 as in the book, so attention takes the composed (materialized) path on every backend.\n\n");
    }

    private static String ms(RunResult r) {
        return time(r.getPrimaryResult().getScore() * 1000);
    }

    private void tokenizer(StringBuilder md) {
        RunResult base = byKey.get("TokenizerBenchmark.jtokkitEncodeOrdinary1Thread");
        if (base == null) {
            return;
        }
        double baseMb = secondary(base, "mbPerSecond");
        md.append("### GPT-2 tokenizer, 10.5 MB generated text with non-ASCII characters\n\n");
        md.append("| encoder | MB/s | ratio to jtokkit, 1 thread |\n|---|---:|---:|\n");
        for (String[] row : new String[][] {
            {"jtokkitEncodeOrdinary1Thread", "jtokkit `encodeOrdinary`, 1 thread"},
            {"corpusEncoder1Thread", "CorpusEncoder, 1 thread"},
            {"corpusEncoder2Threads", "CorpusEncoder, 2 threads"}
        }) {
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
                rows.add(String.format(
                        Locale.ROOT,
                        "| %s | %.0f |%n",
                        shuffle.equals("true") ? "shuffled" : "in order",
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
        return us >= 1000
                ? String.format(Locale.ROOT, "%.2f ms", us / 1000)
                : String.format(Locale.ROOT, "%.2f µs", us);
    }

    private static String whyNot(String backend) {
        for (BackendInfo info : Backends.list()) {
            if (info.name().equals(backend)) {
                return info.available()
                        ? "failed, see the JMH log"
                        : info.availability().detail();
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
