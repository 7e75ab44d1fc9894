package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.spi.ArrayStorage;

/**
 * The fused embedding forward over a range of output rows, {@code out[r] = tok[ids[r]] + pos[r % seq]},
 * in one pass over memory. Two implementations, chosen once at start-up: the Vector API when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}, else scalar loops.
 *
 * <p>Why two: C2 (JDK 17 and 25) does not vectorize the plain three-array loop, because it cannot prove
 * that {@code out} does not overlap {@code tok} or {@code pos} at an unknown offset. Measured on this
 * project's 2-core machine at GPT-2 size, one thread: plain loop 6.4 ms, Vector API one row at a time
 * 2.8 ms, eight rows at a time 1.7 ms, a bare row gather by {@code System.arraycopy} 2.3 ms (see
 * {@code EmbedRowLoopBenchmark}).
 */
abstract class EmbedRows {
    /** System property: {@code false} forces the scalar loops even when the Vector API is present. */
    static final String VECTOR_PROPERTY = "llm.java.vector";

    /** The implementation this JVM uses. */
    static final EmbedRows INSTANCE = choose();

    /**
     * Fills the output rows of positions {@code [firstPosition, endPosition)} in every sequence of the
     * batch: row {@code b * seq + t}. Work is split by position, so that each thread sees all sequences
     * at its positions and can share one positional row among them. Ids are valid; tables are
     * {@code [*, cols]}.
     */
    abstract void run(
            float[] out,
            float[] tok,
            float[] pos,
            ArrayStorage ids,
            int cols,
            int seq,
            int batch,
            int firstPosition,
            int endPosition);

    /** For people: which loops are in use. */
    abstract String describe();

    private static EmbedRows choose() {
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY));
        if (wanted && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                // Loaded by name: the class links against jdk.incubator.vector, absent by default.
                return (EmbedRows) Class.forName("org.llmfromscratch.backend.java.VectorEmbedRows")
                        .getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarEmbedRows("scalar loops (the Vector API failed to load: " + e + ")");
            }
        }
        return new ScalarEmbedRows(
                wanted
                        ? "scalar loops (start Java with --add-modules jdk.incubator.vector for SIMD)"
                        : "scalar loops (-D" + VECTOR_PROPERTY + "=false)");
    }
}
