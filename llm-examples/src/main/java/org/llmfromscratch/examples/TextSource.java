package org.llmfromscratch.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a command's text comes from: a file, a URL (as the tutorial downloads the-verdict.txt), standard
 * input ({@code -}), or, by default, a short story written for this project and shipped in the jar.
 */
final class TextSource {
    static final String SAMPLE = "sample.txt";

    private final String name;
    private final String text;

    private TextSource(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** The text named by {@code spec} ({@code null} for the bundled sample). */
    static TextSource load(String spec) {
        try {
            if (spec == null) {
                try (InputStream in = TextSource.class.getResourceAsStream(SAMPLE)) {
                    return new TextSource("the bundled sample story", decode(in.readAllBytes(), SAMPLE));
                }
            }
            if (spec.equals("-")) {
                return new TextSource("standard input", decode(System.in.readAllBytes(), "standard input"));
            }
            if (spec.startsWith("http://") || spec.startsWith("https://")) {
                return new TextSource(spec, decode(download(spec), spec));
            }
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.*")
                    .matcher(spec);
            if (url.matches()) { // not a file that happens to be missing: say what is wrong with it
                throw new IllegalArgumentException(
                        "cannot read " + spec + ": the URL scheme '" + url.group(1)
                                + "' is not supported; --text takes an http:// or https:// URL, a file, or - for standard input");
            }
            Path file = Path.of(spec);
            return new TextSource(file.toString(), decode(Files.readAllBytes(file), file.toString()));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec + ": " + e.getMessage(), e);
        }
    }

    private static byte[] download(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(URI.create(url).toString()).openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException("cannot download " + url + ": HTTP " + status);
            }
            try (InputStream in = c.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot download " + url + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); are you offline? Download it "
                            + "yourself and pass --text FILE");
        }
    }

    /** Strict UTF-8: invalid bytes are an error naming the source and the byte offset, never replaced. */
    static String decode(byte[] bytes, String source) {
        CharsetDecoder d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return d.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + " is not valid UTF-8 near byte offset " + in.position());
        }
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }
}
