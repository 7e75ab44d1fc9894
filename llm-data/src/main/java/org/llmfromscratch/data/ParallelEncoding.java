package org.llmfromscratch.data;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Cuts a stream of characters into pieces at {@link SplitPoints} and encodes the pieces on worker
 * threads, writing their ids to a sink in text order. At most a few pieces are in flight, so memory
 * stays bounded whatever the size of the text. With no executor the pieces are encoded on the calling
 * thread.
 */
final class ParallelEncoding implements Utf8Reader.Sink {
    private final Tokenizer tokenizer;
    private final Set<String> allowedSpecial;
    private final SplitPoints splits;
    private final ExecutorService executor;
    private final int maxInFlight;
    private final int pieceChars;
    private final IdSink sink;
    private final String source;
    private final ArrayDeque<Future<int[]>> inFlight = new ArrayDeque<>();

    private char[] pending;
    private int length;
    private int scanned; // no cut exists in pending[0, scanned]: a later search need not look there again
    private long pendingStart; // character offset of pending[0] in the whole text

    ParallelEncoding(
            Tokenizer tokenizer,
            Set<String> allowedSpecial,
            ExecutorService executor,
            int maxInFlight,
            int pieceChars,
            IdSink sink,
            String source) {
        this.tokenizer = tokenizer;
        this.allowedSpecial = allowedSpecial;
        this.splits = SplitPoints.forTokenizer(tokenizer);
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        this.pieceChars = pieceChars;
        this.sink = sink;
        this.source = source;
        this.pending = new char[pieceChars * 2];
    }

    @Override
    public void chars(char[] chars, int n) {
        int off = 0;
        while (off < n) {
            int take = Math.min(n - off, pieceChars);
            if (length + take > pending.length) {
                // No cut in a whole piece's worth of text (one endless line): keep growing, correctness first.
                pending = java.util.Arrays.copyOf(pending, Math.max(length + take, pending.length * 2));
            }
            System.arraycopy(chars, off, pending, length, take);
            length += take;
            off += take;
            while (length >= pieceChars && cutOnce()) {
                // cut as many pieces as the buffer holds
            }
        }
    }

    private boolean cutOnce() {
        int b = splits.lastCut(pending, Math.max(1, scanned), length);
        if (b < 0) {
            scanned = Math.max(0, length - 1); // b = length - 1 may still pass rule 1 once more text arrives
            return false;
        }
        submit(new String(pending, 0, b));
        System.arraycopy(pending, b, pending, 0, length - b);
        length -= b;
        pendingStart += b;
        scanned = 0;
        return length >= pieceChars;
    }

    private void submit(String piece) {
        long start = pendingStart;
        if (executor == null) {
            write(encode(piece, start));
            return;
        }
        while (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
        inFlight.add(executor.submit(() -> encode(piece, start)));
    }

    private int[] encode(String piece, long start) {
        try {
            return tokenizer.encode(piece, allowedSpecial);
        } catch (PieceTooLongException e) {
            throw e.at(source, start); // the offset in the whole text, not in this part of it
        } catch (DisallowedSpecialTokenException e) {
            throw e.at(source, start);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    source + ", in the piece that starts at character " + start + ": " + e.getMessage(), e);
        }
    }

    private void writeOldest() {
        Future<int[]> f = inFlight.poll();
        try {
            write(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding " + source, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("encoding " + source + " failed: " + cause, cause);
        }
    }

    private void write(int[] ids) {
        try {
            sink.write(ids);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the ids of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Encodes what is left and waits for every piece. */
    void finish() {
        if (length > 0) {
            submit(new String(pending, 0, length));
            pendingStart += length;
            length = 0;
        }
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
    }

    /** Abandons pieces still in flight after a failure. */
    void cancel() {
        for (Future<int[]> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
    }
}
