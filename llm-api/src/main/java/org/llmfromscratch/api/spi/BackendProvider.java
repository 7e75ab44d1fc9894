package org.llmfromscratch.api.spi;

/**
 * A compute backend's entry point, found with {@link java.util.ServiceLoader}: a backend jar lists
 * its implementation in {@code META-INF/services/org.llmfromscratch.api.spi.BackendProvider}.
 * Discovery ({@link org.llmfromscratch.api.Backends}) is the only place that loads providers.
 *
 * <p>Like DJL's engines, providers are ranked by {@link #priority()}; unlike them, a provider never
 * fails discovery: {@link #availability()} reports what is missing (a native library that will not
 * load, no OpenCL device) so that the other backends stay usable.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct: load
 * native code in {@link #availability()} or {@link #create()}, never in the constructor.
 */
public interface BackendProvider {

    /** The name users select it by, lower case: {@code java}, {@code nd4j}, {@code aparapi}, ... */
    String name();

    /** Higher wins when no backend is named. */
    int priority();

    /**
     * Whether the backend can run here. Must not throw (the caller still guards against it) and
     * should cache its answer; may load native libraries.
     */
    Availability availability();

    /** Creates the kernels; called at most once per JVM, and only when available. */
    Kernels create();
}
