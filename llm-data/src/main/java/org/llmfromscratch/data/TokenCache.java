package org.llmfromscratch.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Token files in a directory, one per source file and tokenizer configuration. A token file is
 * reused only if the source has the size, modification time and CRC32C recorded in it: size and time
 * catch ordinary edits at no cost; the CRC (a re-read of the source at several GB/s, far cheaper than
 * encoding) catches edits that keep both, e.g. a copy with {@code cp -p} over the original. The ids
 * themselves must match the CRC32C in the token file's header, so a damaged token file is rebuilt.
 */
final class TokenCache {
    private final Path directory;
    private final int config;

    TokenCache(Path directory, int config) {
        this.directory = directory;
        this.config = config;
    }

    /** The cache file of {@code source}: its name plus a hash of its absolute path and the configuration. */
    Path fileFor(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        String key = Integer.toHexString(abs.toString().hashCode()) + "-" + Integer.toHexString(config);
        return directory.resolve(abs.getFileName() + "." + key + ".tokens");
    }

    /** A fresh file to write into, then moved over {@link #fileFor}: readers never see half a file. */
    Path temporaryFile(Path source) throws IOException {
        try {
            Files.createDirectories(directory);
            return Files.createTempFile(directory, source.getFileName().toString(), ".partial");
        } catch (IOException e) {
            throw new IOException(
                    "cannot write a token file into the cache directory " + directory + " (" + e
                            + "): choose another with $LLM_DATA_CACHE, -Dllm.data.cache or CorpusEncoder.Builder.cacheDirectory,"
                            + " or turn the cache off with cacheDirectory(null)",
                    e);
        }
    }

    /** The cached ids of {@code source}, mapped, or null when there are none or they are stale. */
    TokenSequence lookup(Path source, long size, long mtime) {
        Path file = fileFor(source);
        long[] h = TokenFile.readHeader(file);
        if (!TokenFile.matches(h, new TokenFile.Stamp(config, size, mtime, 0), false)) {
            return null;
        }
        if (h[3] != crcOf(source) || !TokenFile.idsVerify(file, h)) {
            return null; // stale, or damaged since it was written: rebuilt by the caller
        }
        return MappedTokenSequence.map(file, TokenFile.HEADER, h[4]);
    }

    private static long crcOf(Path source) {
        CRC32C crc = new CRC32C();
        byte[] block = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(source)) {
            int n;
            while ((n = in.read(block)) > 0) {
                crc.update(block, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e, e);
        }
        return crc.getValue();
    }
}
