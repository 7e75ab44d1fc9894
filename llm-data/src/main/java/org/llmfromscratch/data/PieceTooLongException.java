package org.llmfromscratch.data;

/**
 * A text holds a pre-tokenizer piece (a run without a break, such as millions of letters with no space)
 * longer than {@link Gpt2Tokenizer#MAX_PIECE_CHARS}. Byte-pair encoding works on a whole piece, as
 * tiktoken does, and needs a few hundred bytes of memory per character of it, so such a piece is refused
 * up front rather than run out of memory part-way through a corpus.
 */
public final class PieceTooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long length;

    /**
     * @param source what the text is (a file name, or "the text"), for the message
     * @param offset the piece's first character, counted from the start of {@code source}
     * @param length the piece's length in characters
     */
    public PieceTooLongException(String source, long offset, long length) {
        super(source + " has a piece of " + length + " characters without a break (one run of letters, digits,"
                + " punctuation or whitespace) at character " + offset + ", longer than the "
                + Gpt2Tokenizer.MAX_PIECE_CHARS
                + " characters a piece may have: byte-pair encoding works on a whole piece and would need about "
                + Math.max(1, length * 300 >> 20) + " MB for it; break the run up (e.g. with spaces or newlines)");
        this.offset = offset;
        this.length = length;
    }

    /** The piece's first character, counted from the start of the text or file. */
    public long offset() {
        return offset;
    }

    /** The piece's length in characters. */
    public long length() {
        return length;
    }

    /** The same piece, located in a larger text: {@code base} characters further on, in {@code source}. */
    PieceTooLongException at(String source, long base) {
        PieceTooLongException e = new PieceTooLongException(source, base + offset, length);
        e.initCause(this);
        return e;
    }
}
