package org.llmfromscratch.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The token cache file: a 64-byte header, then the ids as little-endian int32 (so {@code numpy.fromfile(f,
 * dtype="<i4", offset=64)} reads them too). The header records what the ids were made from: the source's
 * size, modification time and CRC32C, and a hash of the tokenizer's name and allowed special tokens;
 * any difference makes the cache stale. It also records a CRC32C of the id bytes, so that a file damaged
 * after it was written (a flipped bit, a torn copy) is detected and rebuilt rather than served as other
 * ids: a cache is verified, never trusted.
 *
 * <pre>
 * 0  "LLMTOKS1"   8  int version  12 int config hash  16 long source size  24 long source mtime (ms)
 * 32 long CRC32C of the source bytes  40 long number of ids  48 long CRC32C of the id bytes  56..63 zero
 * </pre>
 */
final class TokenFile {
    static final int HEADER = 64;
    private static final byte[] MAGIC = "LLMTOKS1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2; // 2: with the CRC32C of the ids; version 1 files are rebuilt

    /** What a token file was made from. */
    record Stamp(int config, long size, long mtime, long crc) {}

    private TokenFile() {}

    /**
     * The header of {@code file}: config, size, mtime, source CRC, id count and id CRC; or null when the
     * file is missing, unreadable, not a token file, or its id count does not match its length.
     */
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
            long[] v = {h.getInt(), h.getLong(), h.getLong(), h.getLong(), h.getLong(), h.getLong()};
            long count = v[4];
            // Compared by division, not HEADER + count * 4, which overflows for damaged counts such as 2^62.
            if (count < 0
                    || ch.size() < HEADER
                    || (ch.size() - HEADER) % Integer.BYTES != 0
                    || count != (ch.size() - HEADER) / Integer.BYTES) {
                return null; // truncated by a crash or a full disk, or a damaged count
            }
            return v;
        } catch (IOException e) {
            return null;
        }
    }

    static boolean matches(long[] header, Stamp stamp, boolean checkCrc) {
        return header != null
                && header[0] == stamp.config()
                && header[1] == stamp.size()
                && header[2] == stamp.mtime()
                && (!checkCrc || header[3] == stamp.crc());
    }

    static ByteBuffer header(Stamp stamp, long count, long idsCrc) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC)
                .putInt(VERSION)
                .putInt(stamp.config())
                .putLong(stamp.size())
                .putLong(stamp.mtime())
                .putLong(stamp.crc())
                .putLong(count)
                .putLong(idsCrc);
        h.position(HEADER).flip();
        return h;
    }

    /**
     * Whether the id bytes of {@code file} have the CRC32C its header records. Reading them costs about
     * what mapping and touching them does (CRC32C runs at several GB/s), far less than encoding again.
     */
    static boolean idsVerify(Path file, long[] header) {
        CRC32C crc = new CRC32C();
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = HEADER;
            int n;
            while ((n = ch.read(block, pos)) > 0) {
                block.flip();
                crc.update(block);
                block.clear();
                pos += n;
            }
            return pos == HEADER + header[4] * Integer.BYTES && crc.getValue() == header[5];
        } catch (IOException e) {
            return false;
        }
    }
}
