package org.llmfromscratch.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.llmfromscratch.api.spi.Availability;
import org.llmfromscratch.api.spi.BackendProvider;

/**
 * Finds compute backends with {@link ServiceLoader} and selects one; the only class that loads
 * providers.
 *
 * <p>Selection, first match wins: a name given in code ({@link #get(String)}); the system property
 * {@value #PROPERTY} ({@code -Dllm.backend=nd4j}); the environment variable {@value #ENV}; else the
 * available backend of highest priority. A backend whose native library will not load or that finds no
 * device is listed as unavailable with the reason, and never breaks discovery of the others.
 *
 * <p>Each backend is created once per JVM and shared, so tensors from two calls to
 * {@code get("java")} belong to the same backend.
 *
 * <p>Fat jars: a shaded jar must merge every backend's
 * {@code META-INF/services/org.llmfromscratch.api.spi.BackendProvider} file, with the shade plugin's
 * {@code ServicesResourceTransformer}; otherwise all but one backend silently disappear.
 */
public final class Backends {
    /** System property naming the backend to use. */
    public static final String PROPERTY = "llm.backend";
    /** Environment variable naming the backend to use, read when the property is not set. */
    public static final String ENV = "LLM_BACKEND";

    private static final Object LOCK = new Object();
    private static Map<String, Candidate> candidates;
    private static final Map<String, Backend> CREATED = new LinkedHashMap<>();

    private Backends() {}

    /** The backend named by {@value #PROPERTY} or {@value #ENV}, else the available one of highest priority. */
    public static Backend get() {
        String requested = requestedName();
        if (requested != null) {
            return get(requested);
        }
        synchronized (LOCK) {
            // Probe in priority order and stop at the first available one: probing may load native code.
            List<Candidate> ranked = new ArrayList<>(candidates().values());
            ranked.sort(Comparator.comparingInt((Candidate c) -> c.priority).reversed());
            for (Candidate c : ranked) {
                if (c.info().available()) {
                    return get(c.name);
                }
            }
        }
        List<BackendInfo> all = list();
        throw new IllegalStateException("no available backend. " + describe(all)
                + " Add a backend to the class path, e.g. org.llmfromscratch:llm-backend-java.");
    }

    /**
     * The backend called {@code name} (case-insensitive). Only that backend's availability is probed.
     *
     * @throws IllegalArgumentException if no such backend was discovered or it is unavailable; the
     *     message lists every discovered backend and why it is or is not available
     */
    public static Backend get(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a backend name is needed, e.g. 'java'. " + describe(list()));
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        synchronized (LOCK) {
            Backend made = CREATED.get(key);
            if (made != null) {
                return made;
            }
            Candidate c = candidates().get(key);
            if (c == null || c.provider == null) {
                throw new IllegalArgumentException("no backend named '" + name + "'. " + describe(list()));
            }
            if (!c.info().available()) {
                throw new IllegalArgumentException("backend '" + key + "' is unavailable: "
                        + c.info().availability().detail() + ". " + describe(list()));
            }
            Backend backend = Backend.of(key, c.provider.create());
            CREATED.put(key, backend);
            return backend;
        }
    }

    /** Every discovered backend, highest priority first, with its availability (probing each one). */
    public static List<BackendInfo> list() {
        synchronized (LOCK) {
            return candidates().values().stream()
                    .map(Candidate::info)
                    .sorted(Comparator.comparingInt(BackendInfo::priority).reversed())
                    .collect(Collectors.toList());
        }
    }

    /** The name requested through {@value #PROPERTY} or {@value #ENV}, or null when neither is set. */
    public static String requestedName() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv(ENV);
        return e == null || e.isBlank() ? null : e.trim();
    }

    private static String describe(List<BackendInfo> all) {
        if (all.isEmpty()) {
            return "No backends were discovered on the class path.";
        }
        return "Discovered backends: " + all.stream().map(BackendInfo::toString).collect(Collectors.joining("; "))
                + ".";
    }

    private static Map<String, Candidate> candidates() {
        if (candidates == null) {
            candidates = discover();
        }
        return candidates;
    }

    private static Map<String, Candidate> discover() {
        Map<String, Candidate> found = new LinkedHashMap<>();
        ClassLoader loader = Backends.class.getClassLoader();
        Iterator<BackendProvider> it =
                ServiceLoader.load(BackendProvider.class, loader).iterator();
        List<String> broken = new ArrayList<>();
        while (true) {
            BackendProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // A provider class that cannot even be loaded: report it, keep discovering the rest.
                broken.add(String.valueOf(e.getMessage()));
                if (broken.size() > 100) {
                    break;
                }
                continue;
            }
            Candidate c = Candidate.of(provider);
            found.putIfAbsent(c.name, c);
        }
        for (int i = 0; i < broken.size(); i++) {
            String name = "broken-provider-" + (i + 1);
            found.put(name, Candidate.failed(name, "?", "could not load provider: " + broken.get(i)));
        }
        return found;
    }

    /** One discovered provider; its availability is probed once, when first needed. */
    private static final class Candidate {
        final BackendProvider provider;
        final String name;
        final int priority;
        final String providerClass;
        private BackendInfo info;

        private Candidate(BackendProvider provider, String name, int priority, String providerClass, BackendInfo info) {
            this.provider = provider;
            this.name = name;
            this.priority = priority;
            this.providerClass = providerClass;
            this.info = info;
        }

        static Candidate of(BackendProvider provider) {
            String cls = provider.getClass().getName();
            try {
                return new Candidate(
                        provider, provider.name().toLowerCase(Locale.ROOT), provider.priority(), cls, null);
            } catch (RuntimeException | LinkageError e) {
                return new Candidate(
                        null,
                        cls,
                        Integer.MIN_VALUE,
                        cls,
                        new BackendInfo(cls, Integer.MIN_VALUE, Availability.failed("provider failed", e), cls));
            }
        }

        static Candidate failed(String name, String cls, String reason) {
            return new Candidate(
                    null,
                    name,
                    Integer.MIN_VALUE,
                    cls,
                    new BackendInfo(name, Integer.MIN_VALUE, Availability.unavailable(reason), cls));
        }

        /** Called under the discovery lock. */
        BackendInfo info() {
            if (info == null) {
                Availability availability;
                try {
                    availability = provider.availability();
                    if (availability == null) {
                        availability =
                                Availability.unavailable("provider " + providerClass + " returned no availability");
                    }
                } catch (RuntimeException | LinkageError e) {
                    availability = Availability.failed("availability probe failed", e);
                }
                info = new BackendInfo(name, priority, availability, providerClass);
            }
            return info;
        }
    }
}
