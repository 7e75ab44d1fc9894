package org.llmfromscratch.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Command line for large inputs:
 * <pre>
 * java -cp ... org.llmfromscratch.data.DataTool generate FILE MEGABYTES [SEED]
 * java -Xmx1g -cp ... org.llmfromscratch.data.DataTool encode FILE [--threads N] [--cache DIR | --no-cache]
 * </pre>
 * {@code encode} prints the id count, time, throughput, the token file and the heap used.
 */
public final class DataTool {
    private DataTool() {
    }

    /** Entry point; exits with status 2 on a usage error, 1 on a failure. */
    public static void main(String[] args) {
        try {
            if (args.length >= 3 && args[0].equals("generate")) {
                generate(Path.of(args[1]), Double.parseDouble(args[2]), args.length > 3 ? Long.parseLong(args[3]) : 1);
            } else if (args.length >= 2 && args[0].equals("encode")) {
                encode(Path.of(args[1]), Arrays.copyOfRange(args, 2, args.length));
            } else {
                System.err.println("usage: DataTool generate FILE MEGABYTES [SEED]\n"
                        + "       DataTool encode FILE [--threads N] [--cache DIR | --no-cache]");
                System.exit(2);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("error: no such file or directory: " + e.getMessage());
            System.exit(1);
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void generate(Path file, double megabytes, long seed) throws IOException {
        long t0 = System.nanoTime();
        long bytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            bytes = SyntheticText.write(w, (long) (megabytes * 1e6), seed);
        }
        System.out.printf(Locale.ROOT, "wrote %s: %d bytes in %.1f s%n", file, bytes, (System.nanoTime() - t0) / 1e9);
    }

    private static void encode(Path file, String[] opts) {
        CorpusEncoder.Builder b = CorpusEncoder.builder();
        for (int i = 0; i < opts.length; i++) {
            switch (opts[i]) {
                case "--threads" -> b.threads(Integer.parseInt(opts[++i]));
                case "--cache" -> b.cacheDirectory(Path.of(opts[++i]));
                case "--no-cache" -> b.cacheDirectory(null);
                default -> throw new IllegalArgumentException("unknown option " + opts[i]
                        + "; expected --threads N, --cache DIR or --no-cache");
            }
        }
        CorpusEncoder encoder = b.build();
        boolean cached = encoder.isCached(file);
        long t0 = System.nanoTime();
        TokenSequence ids = encoder.encode(file);
        double s = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%s: %d ids in %.2f s (%s)%n", file, ids.size(), s,
                cached ? "reused the cached token file" : "encoded");
        System.out.println("token file: " + encoder.cacheFileFor(file));
        int n = (int) Math.min(10, ids.size());
        int[] first = new int[n];
        ids.copyTo(0, first, 0, n);
        System.out.println("first ids: " + Arrays.toString(first));
        System.out.printf(Locale.ROOT, "heap: %d MB used of %d MB max%n", (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20);
    }
}
