package org.llmfromscratch.api.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {
    }

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
        int padded = (header.length + 7) / 8 * 8;   // the reference writer aligns data to 8 bytes with spaces
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(header);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, head);
            for (Tensor t : tensors.values()) {
                writeFully(ch, encode(t));
            }
        }
    }

    /** Reads every tensor of {@code file} onto {@code backend}; the caller owns (and closes) them. */
    public static Map<String, Tensor> read(Path file, Backend backend) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long headerLength = len.flip().getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new IOException(file + " is not a safetensors file: header length " + headerLength
                        + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBytes, 8, file);
            Object parsed = MiniJson.parse(new String(headerBytes.array(), StandardCharsets.UTF_8).trim(), file.toString());
            if (!(parsed instanceof Map)) {
                throw new IOException(file + ": the safetensors header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, Tensor> out = new LinkedHashMap<>();
            try {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
                    String name = (String) e.getKey();
                    if (!name.equals("__metadata__")) {
                        out.put(name, readTensor(ch, file, name, e.getValue(), dataStart, size, backend));
                    }
                }
            } catch (IOException | RuntimeException ex) {
                out.values().forEach(Tensor::close);
                throw ex;
            }
            return out;
        }
    }

    private static Tensor readTensor(FileChannel ch, Path file, String name, Object value, long dataStart, long size,
            Backend backend) throws IOException {
        String where = file + ": tensor '" + name + "'";
        if (!(value instanceof Map)) {
            throw new IOException(where + " is " + value + " in the header; expected an object with dtype, shape and data_offsets");
        }
        Map<?, ?> entry = (Map<?, ?>) value;
        String code = String.valueOf(entry.get("dtype"));
        DType dtype = switch (code) {
            case "F32" -> DType.FLOAT32;
            case "I32" -> DType.INT32;
            case "I64" -> DType.INT64;
            default -> throw new IOException(where + " has dtype " + code
                    + ", which is not supported (F32, I32 and I64 are)");
        };
        long[] dims = longs(entry.get("shape"), -1, where, "shape");
        long[] offsets = longs(entry.get("data_offsets"), 2, where, "data_offsets");
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IOException(where + " has size " + dims[i] + " in its shape; expected 0.." + Integer.MAX_VALUE);
            }
            shape[i] = (int) dims[i];
        }
        Shape s;
        try {
            s = Shape.of(shape);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
        }
        long begin = offsets[0];
        long end = offsets[1];
        long expected = s.numel() * dtype.byteSize();
        if (expected > Integer.MAX_VALUE - 8 || end - begin != expected || begin < 0 || dataStart + end > size) {
            throw new IOException(where + " " + s + " " + code + " needs " + expected
                    + " bytes but its data_offsets are [" + begin + ", " + end + "] in a data section of "
                    + (size - dataStart) + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) expected).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin, file);
        buf.flip();
        switch (dtype) {
            case FLOAT32: {
                float[] v = new float[(int) s.numel()];
                buf.asFloatBuffer().get(v);
                return backend.fromFloats(s, v);
            }
            case INT32: {
                int[] v = new int[(int) s.numel()];
                buf.asIntBuffer().get(v);
                return backend.fromInts(s, v);
            }
            default: {
                long[] v = new long[(int) s.numel()];
                buf.asLongBuffer().get(v);
                return backend.fromLongs(s, v);
            }
        }
    }

    /** A JSON array of integers ({@code length} of them, or any number when -1), or an IOException naming it. */
    private static long[] longs(Object value, int length, String where, String field) throws IOException {
        if (!(value instanceof List) || (length >= 0 && ((List<?>) value).size() != length)) {
            throw new IOException(where + " has " + field + " " + value + "; expected a list of "
                    + (length >= 0 ? length + " " : "") + "integers");
        }
        List<?> list = (List<?>) value;
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long)) {
                throw new IOException(where + " has " + field + " " + value + "; expected integers");
            }
            out[i] = (Long) list.get(i);
        }
        return out;
    }

    private static ByteBuffer encode(Tensor t) {
        ByteBuffer buf = ByteBuffer.allocate((int) (t.numel() * t.dtype().byteSize())).order(ByteOrder.LITTLE_ENDIAN);
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
