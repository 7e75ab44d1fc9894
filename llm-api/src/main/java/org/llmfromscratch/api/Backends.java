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

    private Backends() {
    }

    /** The backend named by {@value #PROPERTY} or {@value #ENV}, else the available one of highest priority. */
    public static Backend get() {
        String requested = requestedName();
        if (requested != null) {
            return get(requested);
        }
        List<BackendInfo> all = list();
        return all.stream().filter(BackendInfo::available).findFirst()
                .map(info -> get(info.name()))
                .orElseThrow(() -> new IllegalStateException("no available backend. " + describe(all)
                        + " Add a backend to the class path, e.g. org.llmfromscratch:llm-backend-java."));
    }

    /**
     * The backend called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException if no such backend was discovered or it is unavailable; the
     *     message lists every discovered backend and why it is or is not available
     */
    public static Backend get(String name) {
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
            if (!c.info.available()) {
                throw new IllegalArgumentException("backend '" + key + "' is unavailable: " + c.info.availability().detail()
                        + ". " + describe(list()));
            }
            Backend backend = Backend.of(key, c.provider.create());
            CREATED.put(key, backend);
            return backend;
        }
    }

    /** Every discovered backend, highest priority first, with its availability. */
    public static List<BackendInfo> list() {
        synchronized (LOCK) {
            return candidates().values().stream().map(c -> c.info)
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
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
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
            Candidate c = probe(provider);
            found.putIfAbsent(c.info.name(), c);
        }
        for (int i = 0; i < broken.size(); i++) {
            String name = "broken-provider-" + (i + 1);
            found.put(name, new Candidate(null, new BackendInfo(name, Integer.MIN_VALUE,
                    Availability.unavailable("could not load provider: " + broken.get(i)), "?")));
        }
        return found;
    }

    private static Candidate probe(BackendProvider provider) {
        String cls = provider.getClass().getName();
        String name;
        int priority;
        try {
            name = provider.name().toLowerCase(Locale.ROOT);
            priority = provider.priority();
        } catch (RuntimeException | LinkageError e) {
            return new Candidate(null, new BackendInfo(cls, Integer.MIN_VALUE, Availability.failed("provider failed", e), cls));
        }
        Availability availability;
        try {
            availability = provider.availability();
            if (availability == null) {
                availability = Availability.unavailable("provider " + cls + " returned no availability");
            }
        } catch (RuntimeException | LinkageError e) {
            availability = Availability.failed("availability probe failed", e);
        }
        return new Candidate(provider, new BackendInfo(name, priority, availability, cls));
    }

    private static final class Candidate {
        final BackendProvider provider;
        final BackendInfo info;

        Candidate(BackendProvider provider, BackendInfo info) {
            this.provider = provider;
            this.info = info;
        }
    }
}
