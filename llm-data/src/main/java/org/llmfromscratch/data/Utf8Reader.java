package org.llmfromscratch.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Streams UTF-8 bytes as chunks of chars, never the whole text at once, and reports invalid UTF-8 with
 * the byte offset where it starts (Python's {@code open(..., encoding="utf-8")} fails on it too, with
 * the position; a silent U+FFFD would give ids tiktoken never produces for that file). Also checksums
 * the bytes (CRC32C, for the token cache) and counts them (for the progress bar).
 */
final class Utf8Reader {
    /** Receives decoded characters; the array is reused after the call returns. */
    interface Sink {
        void chars(char[] chars, int length);
    }

    /** Called after each block of bytes with the number read so far. */
    interface Progress {
        void bytes(long done);
    }

    private static final int BLOCK = 1 << 20;

    private final CRC32C crc = new CRC32C();
    private long bytesRead;

    /**
     * Decodes all of {@code in} into {@code sink}.
     *
     * @throws IOException naming {@code source} and the byte offset of invalid UTF-8, or wrapping a read
     *     error with {@code source}
     */
    void read(InputStream in, String source, Sink sink, Progress progress) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
        CharBuffer chars = CharBuffer.allocate(BLOCK);
        long consumed = 0; // bytes before bytes.array()[0]
        boolean eof = false;
        while (!eof) {
            int n;
            try {
                n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            } catch (IOException e) {
                throw new IOException(
                        "cannot read " + source + " at byte offset " + bytesRead + ": " + e.getMessage(), e);
            }
            if (n < 0) {
                eof = true;
            } else {
                crc.update(bytes.array(), bytes.position(), n);
                bytes.position(bytes.position() + n);
                bytesRead += n;
            }
            bytes.flip();
            while (true) {
                CoderResult r = decoder.decode(bytes, chars, eof);
                if (r.isError()) {
                    throw invalid(source, consumed + bytes.position(), r.length());
                }
                if (r.isOverflow()) {
                    drain(chars, sink);
                    continue;
                }
                break;
            }
            consumed += bytes.position();
            bytes.compact();
            drain(chars, sink);
            progress.bytes(bytesRead);
        }
        decoder.flush(chars);
        drain(chars, sink);
    }

    private static void drain(CharBuffer chars, Sink sink) {
        if (chars.position() > 0) {
            sink.chars(chars.array(), chars.position());
            chars.clear();
        }
    }

    private static IOException invalid(String source, long offset, int length) {
        return new IOException(source + ": invalid UTF-8 at byte offset " + offset + " (" + length
                + " byte(s) that do not form a character); the text must be UTF-8 encoded");
    }

    long bytesRead() {
        return bytesRead;
    }

    long crc() {
        return crc.getValue();
    }
}
