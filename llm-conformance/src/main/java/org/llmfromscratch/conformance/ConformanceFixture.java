package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Tensor;

/** What every contract needs: the backend under test, and assertions shared by the contracts. */
public interface ConformanceFixture {

    /** The backend under test; return the same instance every time. */
    Backend backend();

    /** Asserts element-wise closeness of a FLOAT32 tensor to expected values, naming the first bad index. */
    default void assertValues(double[] expected, Tensor actual, double tolerance) {
        float[] got = actual.toFloatArray();
        assertEquals(expected.length, got.length, "number of elements of " + actual.shape());
        for (int i = 0; i < got.length; i++) {
            double diff = Math.abs(expected[i] - got[i]);
            assertTrue(
                    diff <= tolerance,
                    "element " + i + ": expected " + expected[i] + " but got " + got[i] + " (difference " + diff + " > "
                            + tolerance + ")");
        }
    }

    /** Asserts that two float arrays are equal within {@code tolerance}. */
    default void assertValues(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "number of elements");
        for (int i = 0; i < actual.length; i++) {
            assertTrue(
                    Math.abs(expected[i] - actual[i]) <= tolerance,
                    "element " + i + ": expected " + expected[i] + " but got " + actual[i]);
        }
    }

    /** Asserts that {@code call} throws {@code type} with a message containing every fragment. */
    default <T extends Throwable> T assertFailsWith(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(
                    e.getMessage() != null && e.getMessage().contains(f),
                    "message should contain '" + f + "': " + e.getMessage());
        }
        return e;
    }

    /** A second backend instance over the same kernels: same code, but a different backend to the API. */
    default Backend otherBackend() {
        return Backend.of(backend().name() + "-other", backend().kernels());
    }
}
