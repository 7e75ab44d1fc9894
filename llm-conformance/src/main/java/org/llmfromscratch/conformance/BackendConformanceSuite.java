package org.llmfromscratch.conformance;

/**
 * The whole contract a backend passes. A backend's test subclasses this and names its backend:
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformanceSuite {
 *     @Override
 *     public Backend backend() {
 *         return Backends.get("mine");            // registered in META-INF/services
 *     }
 * }
 * }</pre>
 *
 * Each contract is an interface of default test methods, one file per concern; this class merely
 * collects them, so JUnit runs all of them for the subclass.
 */
public abstract class BackendConformanceSuite
        implements TensorCreationContract,
                BroadcastContract,
                ReductionContract,
                ReshapeSliceContract,
                GatherContract,
                EmbeddingContract,
                ModuleContract,
                LifetimeContract,
                ConcurrencyContract,
                DifferentialContract,
                AutogradContract,
                GradientContract,
                BookValuesContract,
                AttentionContract,
                KeyValueCacheContract,
                GptContract,
                Gpt2CheckpointContract {}
