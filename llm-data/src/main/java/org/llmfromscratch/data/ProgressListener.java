package org.llmfromscratch.data;

/**
 * Where long-running library work reports how far it got: bytes done of bytes in total. The library
 * draws nothing itself; a tool turns the calls into a progress bar (the {@code llm} tool draws one for
 * {@code llm data generate} and {@code llm data encode}). Off unless given: {@link #NONE}.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Reports nothing. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * {@code done} of {@code total} units (bytes) are done; {@code total} is -1 when unknown (a stream).
     * Called on the working thread, possibly often: keep it cheap. The last call of a job reports the
     * final count.
     */
    void progress(long done, long total);
}
