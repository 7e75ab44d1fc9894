package org.llmfromscratch.api.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.llmfromscratch.api.DType;

/**
 * The validated JSON header of a safetensors file: every tensor's dtype, shape and byte range, checked
 * as the format's reference implementation checks them before any data is read. Sizes are computed with
 * overflow-checked arithmetic, so a hostile header gets an {@link IOException} naming the file and the
 * tensor, never a negative size, an overflowed offset or an exception from deep inside.
 */
final class SafeTensorsHeader {
    /** The largest header read: the reference implementation's cap is 100 MB too. */
    static final long MAX_HEADER = 100L << 20;
    /** The largest tensor read: one Java array, hence one 2 GB buffer, per tensor. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    /** One tensor: where its bytes are in the data section. */
    record Entry(String name, DType dtype, String code, int[] shape, long begin, long end) {}

    private SafeTensorsHeader() {}

    /**
     * Parses and checks {@code header} (the bytes after the length field) of a file whose data section has
     * {@code dataBytes} bytes: the tensors, in file order.
     */
    static List<Entry> parse(byte[] header, long dataBytes, Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": the safetensors header is not valid UTF-8 (" + e.getMessage() + ")", e);
        }
        // The reference writer pads the header with spaces to a multiple of 8 bytes.
        Object parsed = MiniJson.parse(text.stripTrailing(), file.toString());
        if (!(parsed instanceof Map)) {
            throw new IOException(file + ": the safetensors header is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                checkMetadata(e.getValue(), file);
            } else {
                entries.add(entry(file + ": tensor '" + name + "'", name, e.getValue(), dataBytes));
            }
        }
        checkLayout(entries, dataBytes, file);
        return entries;
    }

    private static void checkMetadata(Object value, Path file) throws IOException {
        if (!(value instanceof Map)) {
            throw new IOException(file + ": __metadata__ is " + value + " in the safetensors header; expected an object"
                    + " of strings");
        }
        for (Map.Entry<?, ?> m : ((Map<?, ?>) value).entrySet()) {
            if (!(m.getValue() instanceof String)) {
                throw new IOException(file + ": __metadata__ entry '" + m.getKey() + "' is " + m.getValue()
                        + "; safetensors metadata values are strings");
            }
        }
    }

    private static Entry entry(String where, String name, Object value, long dataBytes) throws IOException {
        if (!(value instanceof Map)) {
            throw new IOException(where + " is " + value + " in the header; expected an object with dtype, shape and"
                    + " data_offsets");
        }
        Map<?, ?> entry = (Map<?, ?>) value;
        String code = String.valueOf(entry.get("dtype"));
        DType dtype =
                switch (code) {
                    case "F32" -> DType.FLOAT32;
                    case "I32" -> DType.INT32;
                    case "I64" -> DType.INT64;
                    default -> throw new IOException(
                            where + " has dtype " + code + ", which is not supported (F32, I32 and I64 are)");
                };
        long[] dims = longs(entry.get("shape"), -1, where, "shape");
        long[] offsets = longs(entry.get("data_offsets"), 2, where, "data_offsets");
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IOException(
                        where + " has size " + dims[i] + " in its shape; expected 0.." + Integer.MAX_VALUE);
            }
            shape[i] = (int) dims[i];
        }
        String described = where + " " + java.util.Arrays.toString(dims) + " " + code;
        long bytes = byteCount(dims, dtype);
        if (bytes < 0 || bytes > MAX_TENSOR_BYTES) {
            throw new IOException(
                    described + " is " + (bytes < 0 ? "more than " + Long.MAX_VALUE : String.valueOf(bytes))
                            + " bytes, over the limit of " + MAX_TENSOR_BYTES + " bytes (one Java array) per tensor");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin) {
            throw new IOException(
                    described + " has data_offsets [" + begin + ", " + end + "]; expected 0 <= begin <= end");
        }
        if (end > dataBytes) {
            throw new IOException(described + " needs " + bytes + " bytes at data_offsets [" + begin + ", " + end
                    + "], past the end of the data section of " + dataBytes + " bytes (is the file truncated?)");
        }
        if (end - begin != bytes) {
            throw new IOException(described + " needs " + bytes + " bytes but its data_offsets [" + begin + ", " + end
                    + "] hold " + (end - begin));
        }
        return new Entry(name, dtype, code, shape, begin, end);
    }

    /** The tensor's size in bytes, or -1 when that overflows a long (a zero anywhere in the shape makes it 0). */
    private static long byteCount(long[] dims, DType dtype) {
        long bytes = dtype.byteSize();
        boolean overflow = false;
        for (long d : dims) {
            if (d == 0) {
                return 0;
            }
            try {
                bytes = Math.multiplyExact(bytes, d);
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        return overflow ? -1 : bytes;
    }

    /** The data ranges must tile the data section: no overlap, no gap, nothing after the last tensor. */
    private static void checkLayout(List<Entry> entries, long dataBytes, Path file) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        String previous = null;
        for (Entry e : sorted) {
            if (e.begin() != at) {
                throw new IOException(file + ": tensor '" + e.name() + "' starts at data byte " + e.begin() + ", but "
                        + (previous == null
                                ? "the data section starts at 0"
                                : "tensor '" + previous + "' ends at " + at)
                        + (e.begin() < at ? ": their data overlap" : ": a gap between them"));
            }
            at = e.end();
            previous = e.name();
        }
        if (at != dataBytes) {
            throw new IOException(file + ": the tensors' data end at byte " + at + " of a data section of " + dataBytes
                    + " bytes; the safetensors format has nothing after the last tensor");
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
}
