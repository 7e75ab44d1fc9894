package org.llmfromscratch.api.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for a safetensors header (objects, arrays, strings, integers), so that
 * {@code llm-api} keeps depending on nothing but the JDK. Not a general JSON library, but strict where
 * the reference implementation (serde_json) is: duplicate keys, invalid escapes and raw control
 * characters are errors, and nesting deeper than {@link #MAX_DEPTH} is refused instead of recursing
 * into a {@code StackOverflowError}.
 */
final class MiniJson {
    /** The deepest nesting accepted; a safetensors header needs 3 levels. */
    static final int MAX_DEPTH = 64;

    private final String s;
    private final String source;
    private int i;
    private int depth;

    private MiniJson(String s, String source) {
        this.s = s;
        this.source = source;
    }

    static Object parse(String text, String source) throws IOException {
        MiniJson p = new MiniJson(text, source);
        Object v = p.value();
        p.skipSpace();
        if (p.i != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    static String quote(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private Object value() throws IOException {
        skipSpace();
        if (i >= s.length()) {
            throw error("unexpected end of header");
        }
        char c = s.charAt(i);
        if (c == '{' || c == '[') {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            Object v = c == '{' ? object() : array();
            depth--;
            return v;
        }
        if (c == '"') {
            return string();
        }
        return number(c);
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        skipSpace();
        if (peek('}')) {
            return m;
        }
        do {
            skipSpace();
            int at = i;
            String k = string();
            skipSpace();
            expect(':');
            if (m.put(k, value()) != null) {
                i = at;
                throw error("duplicate key '" + k + "'");
            }
            skipSpace();
        } while (peek(','));
        expect('}');
        return m;
    }

    private List<Object> array() throws IOException {
        List<Object> l = new ArrayList<>();
        i++;
        skipSpace();
        if (peek(']')) {
            return l;
        }
        do {
            l.add(value());
            skipSpace();
        } while (peek(','));
        expect(']');
        return l;
    }

    private Object number(char c) throws IOException {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (start == i) {
            throw error("unexpected character '" + c + "'");
        }
        String num = s.substring(start, i);
        try {
            return num.matches("-?\\d+") ? (Number) Long.parseLong(num) : (Number) Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw error("bad number " + num);
        }
    }

    private String string() throws IOException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c < 0x20) {
                i--;
                throw error("control character U+" + String.format("%04X", (int) c) + " in a string; JSON escapes it");
            }
            if (c == '\\' && i < s.length()) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case '"', '\\', '/' -> sb.append(e);
                    case 'u' -> {
                        // exactly four hex digits: Integer.parseInt alone would take "-123" or "+7ff"
                        if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("invalid \\u escape \\u" + s.substring(i, Math.min(i + 4, s.length())));
                        }
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> {
                        i -= 2;
                        throw error("invalid escape \\" + e);
                    }
                }
            } else {
                sb.append(c);
            }
        }
        expect('"');
        return sb.toString();
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws IOException {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) { // JSON's whitespace, no other
            i++;
        }
    }

    private IOException error(String what) {
        return new IOException(source + ": bad safetensors header at character " + i + ": " + what);
    }
}
