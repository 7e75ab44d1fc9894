package org.llmfromscratch.data;

/**
 * The text contains a special token that the caller did not allow (tiktoken's {@code disallowed_special}):
 * a document that merely quotes {@code <|endoftext|>} must not silently gain a document boundary. Carries
 * the token and its offset, so that a caller (the command-line tool, say) can tell its own user how to
 * allow it.
 */
public final class DisallowedSpecialTokenException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String token;
    private final long offset;

    DisallowedSpecialTokenException(String message, String token, long offset) {
        super(message);
        this.token = token;
        this.offset = offset;
    }

    /** The special token, e.g. {@code <|endoftext|>}. */
    public String token() {
        return token;
    }

    /** Its first character, counted from the start of the text or file. */
    public long offset() {
        return offset;
    }

    /** The same token, located in a larger text: {@code base} characters further on, in {@code source}. */
    DisallowedSpecialTokenException at(String source, long base) {
        DisallowedSpecialTokenException e = new DisallowedSpecialTokenException(
                source + ": the text contains the special"
                        + " token '" + token + "' at character " + (base + offset) + ", which is refused unless allowed"
                        + " (CorpusEncoder.Builder.allowedSpecial)",
                token,
                base + offset);
        e.initCause(this);
        return e;
    }
}
