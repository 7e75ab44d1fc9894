package org.llmfromscratch.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Encodes large texts: a file or stream is decoded block by block (never one giant {@code String}),
 * cut where the ids provably stay those of the whole text ({@link SplitPoints}), and the pieces are
 * encoded on several threads; ids go to an {@code int[]} or, for files, to a memory-mapped token file
 * that later runs reuse while the source is unchanged (same size, modification time and content CRC).
 * Progress goes to a {@link ProgressListener} when one is given ({@link Builder#progress}); none by default.
 *
 * <pre>{@code
 * CorpusEncoder encoder = CorpusEncoder.builder().build();       // GPT-2, all cores, cache
 * TokenSequence ids = encoder.encode(Path.of("corpus.txt"));     // second run: maps the cached ids
 * }</pre>
 */
public final class CorpusEncoder {
    private final Tokenizer tokenizer;
    private final Set<String> allowedSpecial;
    private final int threads;
    private final int pieceChars;
    private final ProgressListener progress;
    private final Path cacheDirectory;
    private final TokenCache cache;

    private CorpusEncoder(Builder b) {
        this.tokenizer = b.tokenizer;
        this.allowedSpecial = Set.copyOf(b.allowedSpecial);
        this.threads = b.threads;
        this.pieceChars = b.pieceChars;
        this.progress = b.progress;
        this.cacheDirectory = b.cacheDirectory;
        this.cache = b.cacheDirectory == null ? null : new TokenCache(b.cacheDirectory, configHash());
    }

    /** A builder with GPT-2, every core, no special tokens allowed, no progress reports, cache in {@link #defaultCacheDirectory()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code $LLM_DATA_CACHE}, else the system property {@code llm.data.cache}, else
     * {@code ~/.cache/llm-from-scratch/tokens}.
     */
    public static Path defaultCacheDirectory() {
        String env = System.getenv("LLM_DATA_CACHE");
        String prop = System.getProperty("llm.data.cache");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "llm-from-scratch", "tokens");
    }

    /**
     * The ids of a UTF-8 file. With a cache, a valid cached token file is mapped and returned without
     * encoding; otherwise the file is encoded into a new token file, which is then mapped.
     *
     * @throws UncheckedIOException naming the file for a missing or unreadable file, and naming the file
     *     and byte offset for invalid UTF-8
     */
    public TokenSequence encode(Path file) {
        long size;
        long mtime;
        try {
            size = Files.size(file);
            mtime = Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
        if (cache != null) {
            TokenSequence cached = cache.lookup(file, size, mtime);
            if (cached != null) {
                return cached;
            }
        }
        try (InputStream in = open(file)) {
            if (cache == null) {
                IdSink.InMemory sink = new IdSink.InMemory();
                run(in, file.toString(), size, sink);
                return sink.sequence();
            }
            Path tmp = cache.temporaryFile(file);
            try (IdSink.ToFile sink = new IdSink.ToFile(tmp)) {
                Utf8Reader reader = run(in, file.toString(), size, sink);
                sink.flushAll();
                sink.finish(TokenFile.header(
                        new TokenFile.Stamp(configHash(), size, mtime, reader.crc()), sink.count(), sink.crc()));
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Path target = cache.fileFor(file);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(tmp); // never leave *.partial files behind
                throw new IOException("cannot move the new token file into place at " + target + ": " + e, e);
            }
            return MappedTokenSequence.map(
                    target, TokenFile.HEADER, (Files.size(target) - TokenFile.HEADER) / Integer.BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The ids of a UTF-8 stream, held in an {@code int[]}; {@code name} appears in error messages. */
    public TokenSequence encode(InputStream in, String name) {
        IdSink.InMemory sink = new IdSink.InMemory();
        try {
            run(in, name, -1, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return sink.sequence();
    }

    /** The ids of a text already in memory, encoded in parallel pieces: the same ids as {@link Tokenizer#encode}. */
    public int[] encode(CharSequence text) {
        IdSink.InMemory sink = new IdSink.InMemory();
        ExecutorService pool = pool();
        ParallelEncoding enc =
                new ParallelEncoding(tokenizer, allowedSpecial, pool, threads * 3, pieceChars, sink, "text");
        try {
            char[] block = new char[1 << 16];
            for (int at = 0; at < text.length(); at += block.length) {
                int n = Math.min(block.length, text.length() - at);
                if (text instanceof String s) {
                    s.getChars(at, at + n, block, 0);
                } else {
                    for (int i = 0; i < n; i++) {
                        block[i] = text.charAt(at + i);
                    }
                }
                enc.chars(block, n);
            }
            enc.finish();
        } finally {
            enc.cancel();
            shutdown(pool);
        }
        return sink.sequence().toArray();
    }

    /** Whether {@link #encode(Path)} would reuse a cached token file for {@code file} now. */
    public boolean isCached(Path file) {
        try {
            return cache != null
                    && cache.lookup(
                                    file,
                                    Files.size(file),
                                    Files.getLastModifiedTime(file).toMillis())
                            != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The token file {@link #encode(Path)} uses for {@code file}, or null without a cache. */
    public Path cacheFileFor(Path file) {
        return cache == null ? null : cache.fileFor(file);
    }

    private Utf8Reader run(InputStream in, String name, long size, IdSink sink) throws IOException {
        ExecutorService pool = pool();
        ParallelEncoding enc =
                new ParallelEncoding(tokenizer, allowedSpecial, pool, threads * 3, pieceChars, sink, name);
        Utf8Reader reader = new Utf8Reader();
        try {
            reader.read(in, name, enc, done -> progress.progress(done, size));
            enc.finish();
        } finally {
            enc.cancel();
            shutdown(pool);
        }
        progress.progress(reader.bytesRead(), size);
        return reader;
    }

    private ExecutorService pool() {
        if (threads == 1) {
            return null;
        }
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "corpus-encoder");
            t.setDaemon(true);
            return t;
        });
    }

    private static void shutdown(ExecutorService pool) {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
    }

    private int configHash() {
        return Objects.hash(tokenizer.name(), new TreeSet<>(allowedSpecial).toString());
    }

    /** The tokenizer used. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The cache directory, or null when caching is off. */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** Options of a {@link CorpusEncoder}. */
    public static final class Builder {
        private Tokenizer tokenizer = Gpt2Tokenizer.instance();
        private Set<String> allowedSpecial = Set.of();
        private int threads = Runtime.getRuntime().availableProcessors();
        private int pieceChars = 1 << 18;
        private ProgressListener progress = ProgressListener.NONE;
        private Path cacheDirectory = defaultCacheDirectory();

        private Builder() {}

        /** The tokenizer; default {@link Gpt2Tokenizer#instance()}. */
        public Builder tokenizer(Tokenizer tokenizer) {
            this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
            return this;
        }

        /** Special tokens encoded as their ids, e.g. {@code <|endoftext|>} between documents; others are errors. */
        public Builder allowedSpecial(Set<String> allowedSpecial) {
            this.allowedSpecial = Objects.requireNonNull(allowedSpecial, "allowedSpecial");
            return this;
        }

        /** Encoding threads; default: the number of cores. 1 encodes on the calling thread. */
        public Builder threads(int threads) {
            this.threads = Checks.positive("threads", threads);
            return this;
        }

        /** Characters per piece handed to a thread (default 262144); pieces end at the next safe cut before it. */
        public Builder pieceChars(int pieceChars) {
            if (pieceChars < 16) {
                throw new IllegalArgumentException("pieceChars must be >= 16, got " + pieceChars);
            }
            this.pieceChars = pieceChars;
            return this;
        }

        /**
         * Who hears how many bytes have been read (of the file's size, or -1 for a stream); default and
         * null: nobody.
         */
        public Builder progress(ProgressListener listener) {
            this.progress = listener == null ? ProgressListener.NONE : listener;
            return this;
        }

        /** The token cache directory, created on first use; null: no cache, file ids stay in an {@code int[]}. */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        /** The encoder. */
        public CorpusEncoder build() {
            return new CorpusEncoder(this);
        }
    }
}
