package org.llmfromscratch.api.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/**
 * Reads and writes the safetensors format, the weights format of the Hugging Face ecosystem (what
 * {@code safetensors.torch.save_file} writes): an 8-byte little-endian header length, a JSON header
 * {@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}},
 * then the raw little-endian data. Supports F32, I32 and I64.
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** Writes {@code tensors} (in map order) with optional string {@code metadata}. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            List<String> parts = new ArrayList<>();
            metadata.forEach((k, v) -> parts.add(MiniJson.quote(k) + ":" + MiniJson.quote(v)));
            json.append(String.join(",", parts)).append("},");
        }
        long offset = 0;
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long bytes = t.numel() * t.dtype().byteSize();
            StringBuilder shape = new StringBuilder("[");
            for (int i = 0; i < t.dim(); i++) {
                shape.append(i == 0 ? "" : ",").append(t.size(i));
            }
            entries.add(MiniJson.quote(e.getKey()) + ":{\"dtype\":\"" + code(t.dtype()) + "\",\"shape\":" + shape
                    + "],\"data_offsets\":[" + offset + "," + (offset + bytes) + "]}");
            offset += bytes;
        }
        json.append(String.join(",", entries)).append("}");
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8; // the reference writer aligns data to 8 bytes with spaces
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(header);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, head);
            for (Tensor t : tensors.values()) {
                writeFully(ch, encode(t));
            }
        }
    }

    /**
     * Reads every tensor of {@code file} onto {@code backend}; the caller owns (and closes) them. The header
     * is checked as the format's reference implementation checks it (see {@link SafeTensorsHeader}) before
     * any tensor is read.
     *
     * @throws IOException naming the file (and the tensor) for a missing, unreadable or malformed file
     */
    public static Map<String, Tensor> read(Path file, Backend backend) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read " + file + ": it is a directory, not a safetensors file");
        }
        try (FileChannel ch = open(file)) {
            long size = ch.size();
            byte[] header = headerBytes(ch, file);
            long headerLength = header.length;
            long dataStart = 8 + headerLength;
            List<SafeTensorsHeader.Entry> entries = SafeTensorsHeader.parse(header, size - dataStart, file);
            Map<String, Tensor> out = new LinkedHashMap<>();
            try {
                for (SafeTensorsHeader.Entry e : entries) {
                    out.put(e.name(), readTensor(ch, file, e, dataStart, backend));
                }
            } catch (IOException | RuntimeException ex) {
                out.values().forEach(Tensor::close);
                throw ex;
            }
            return out;
        }
    }

    /**
     * The {@code __metadata__} strings of {@code file}'s header (empty when it has none), without reading
     * any tensor; the header is checked as {@link #read} checks it.
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read " + file + ": it is a directory, not a safetensors file");
        }
        try (FileChannel ch = open(file)) {
            byte[] header = headerBytes(ch, file);
            SafeTensorsHeader.parse(header, ch.size() - 8 - header.length, file);
            Object parsed =
                    MiniJson.parse(new String(header, java.nio.charset.StandardCharsets.UTF_8), file.toString());
            Map<String, String> out = new LinkedHashMap<>();
            if (parsed instanceof Map<?, ?> top && top.get("__metadata__") instanceof Map<?, ?> meta) {
                meta.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            }
            return out;
        }
    }

    /** The header's bytes, after checking its length against the format's cap and the file's size. */
    private static byte[] headerBytes(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new IOException(file + " is not a safetensors file: it has " + size + " bytes, fewer than the"
                    + " 8 of the header length");
        }
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0, file);
        long headerLength = len.flip().getLong();
        if (headerLength < 2 || headerLength > SafeTensorsHeader.MAX_HEADER) {
            throw new IOException(file + " is not a safetensors file: its header length is " + headerLength
                    + " bytes; safetensors headers have 2 to " + SafeTensorsHeader.MAX_HEADER + " bytes");
        }
        if (headerLength > size - 8) {
            throw new IOException(file + " is not a safetensors file, or is truncated: its header of " + headerLength
                    + " bytes does not fit a file of " + size + " bytes");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(ch, headerBytes, 8, file);
        return headerBytes.array();
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
    }

    private static Tensor readTensor(
            FileChannel ch, Path file, SafeTensorsHeader.Entry e, long dataStart, Backend backend) throws IOException {
        Shape s;
        try {
            s = Shape.of(e.shape());
        } catch (IllegalArgumentException bad) {
            throw new IOException(file + ": tensor '" + e.name() + "': " + bad.getMessage(), bad);
        }
        int bytes = (int) (e.end() - e.begin()); // checked by SafeTensorsHeader: at most MAX_TENSOR_BYTES
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + e.begin(), file);
        buf.flip();
        int n = (int) s.numel();
        switch (e.dtype()) {
            case FLOAT32: {
                float[] v = new float[n];
                buf.asFloatBuffer().get(v);
                return backend.fromFloats(s, v);
            }
            case INT32: {
                int[] v = new int[n];
                buf.asIntBuffer().get(v);
                return backend.fromInts(s, v);
            }
            default: {
                long[] v = new long[n];
                buf.asLongBuffer().get(v);
                return backend.fromLongs(s, v);
            }
        }
    }

    private static ByteBuffer encode(Tensor t) {
        ByteBuffer buf =
                ByteBuffer.allocate((int) (t.numel() * t.dtype().byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> buf.asFloatBuffer().put(t.toFloatArray());
            case INT32 -> buf.asIntBuffer().put(t.toIntArray());
            default -> buf.asLongBuffer().put(t.toLongArray());
        }
        return buf;
    }

    private static String code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case INT32 -> "I32";
            case INT64 -> "I64";
        };
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException(file + " ends at byte " + pos + " before the safetensors data does");
            }
            pos += n;
        }
    }
}
