package org.llmfromscratch.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The token cache file: a 64-byte header, then the ids as little-endian int32 (so {@code numpy.fromfile(f,
 * dtype="<i4", offset=64)} reads them too). The header records what the ids were made from: the source's
 * size, modification time and CRC32C, and a hash of the tokenizer's name and allowed special tokens;
 * any difference makes the cache stale.
 *
 * <pre>
 * 0  "LLMTOKS1"   8  int version  12 int config hash  16 long source size  24 long source mtime (ms)
 * 32 long CRC32C of the source bytes  40 long number of ids  48..63 zero
 * </pre>
 */
final class TokenFile {
    static final int HEADER = 64;
    private static final byte[] MAGIC = "LLMTOKS1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** What a token file was made from. */
    record Stamp(int config, long size, long mtime, long crc) {
    }

    private TokenFile() {
    }

    /** The header of {@code file} and its id count, or null when it is missing or not a token file. */
    static long[] readHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (h.hasRemaining() && ch.read(h) >= 0) {
                // read the whole header
            }
            if (h.hasRemaining()) {
                return null;
            }
            h.flip();
            byte[] magic = new byte[MAGIC.length];
            h.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || h.getInt() != VERSION) {
                return null;
            }
            long[] v = {h.getInt(), h.getLong(), h.getLong(), h.getLong(), h.getLong()};
            if (ch.size() != HEADER + v[4] * Integer.BYTES) {
                return null; // truncated by a crash or a full disk
            }
            return v;
        } catch (IOException e) {
            return null;
        }
    }

    static boolean matches(long[] header, Stamp stamp, boolean checkCrc) {
        return header != null && header[0] == stamp.config() && header[1] == stamp.size() && header[2] == stamp.mtime()
                && (!checkCrc || header[3] == stamp.crc());
    }

    static ByteBuffer header(Stamp stamp, long count) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(VERSION).putInt(stamp.config()).putLong(stamp.size()).putLong(stamp.mtime())
                .putLong(stamp.crc()).putLong(count);
        h.position(HEADER).flip();
        return h;
    }
}
