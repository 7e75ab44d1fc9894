package org.llmfromscratch.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Where encoded ids go, in order: a growing {@code int[]} or a token file. */
interface IdSink {
    void write(int[] ids) throws IOException;

    long count();

    /** Ids into a growing array. */
    final class InMemory implements IdSink {
        private int[] ids = new int[1 << 16];
        private int count;

        @Override
        public void write(int[] more) {
            if (count + (long) more.length > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " ids do not fit in memory:"
                        + " encode a file, whose ids go to a memory-mapped token file");
            }
            if (count + more.length > ids.length) {
                ids = Arrays.copyOf(ids, (int)
                        Math.min(Integer.MAX_VALUE - 8, Math.max(count + (long) more.length, ids.length * 3L / 2)));
            }
            System.arraycopy(more, 0, ids, count, more.length);
            count += more.length;
        }

        @Override
        public long count() {
            return count;
        }

        TokenSequence sequence() {
            return TokenSequence.of(count == ids.length ? ids : Arrays.copyOf(ids, count));
        }
    }

    /** Ids into a token file after a reserved header; the caller writes the header last. */
    final class ToFile implements IdSink, AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private long count;

        ToFile(Path file) throws IOException {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            channel.position(TokenFile.HEADER);
        }

        @Override
        public void write(int[] ids) throws IOException {
            for (int id : ids) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                buffer.putInt(id);
            }
            count += ids.length;
        }

        private void flush() throws IOException {
            buffer.flip();
            crc.update(buffer.duplicate());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        /** The CRC32C of the id bytes written so far (all of them after {@link #flushAll()}). */
        long crc() {
            return crc.getValue();
        }

        /** Writes out buffered ids. */
        void flushAll() throws IOException {
            flush();
        }

        void finish(ByteBuffer header) throws IOException {
            flush();
            while (header.hasRemaining()) {
                channel.write(header, header.position()); // the header starts at file offset 0
            }
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
