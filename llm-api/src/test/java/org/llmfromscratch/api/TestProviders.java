package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.Availability;
import org.llmfromscratch.api.spi.BackendProvider;
import org.llmfromscratch.api.spi.Kernels;

/** Providers registered in this module's test META-INF/services, to exercise discovery. */
final class TestProviders {
    private TestProviders() {}

    /** Available, low priority, real (storage-only) kernels. */
    public static final class Arrays implements BackendProvider {
        @Override
        public String name() {
            return "arrays";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public Availability availability() {
            return Availability.available("test arrays");
        }

        @Override
        public Kernels create() {
            return new StubKernels();
        }
    }

    /** Available with a higher priority. */
    public static final class Preferred implements BackendProvider {
        @Override
        public String name() {
            return "Preferred";
        }

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public Availability availability() {
            return Availability.available("preferred test device");
        }

        @Override
        public Kernels create() {
            return new StubKernels();
        }
    }

    /** Highest priority but unavailable, with a reason. */
    public static final class Missing implements BackendProvider {
        @Override
        public String name() {
            return "missing";
        }

        @Override
        public int priority() {
            return 100;
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("no device: install the driver");
        }

        @Override
        public Kernels create() {
            throw new AssertionError("never created");
        }
    }

    /** A probe that throws, as a native library that fails to load would. */
    public static final class Exploding implements BackendProvider {
        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public int priority() {
            return 50;
        }

        @Override
        public Availability availability() {
            throw new UnsatisfiedLinkError("libnothing.so: cannot open shared object file");
        }

        @Override
        public Kernels create() {
            throw new AssertionError("never created");
        }
    }
}
