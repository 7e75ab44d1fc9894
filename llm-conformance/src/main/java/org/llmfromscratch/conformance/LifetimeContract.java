package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Embedding;

/** The ownership rule: close, scopes, views, and use after close. */
public interface LifetimeContract extends ConformanceFixture {

    @Test
    default void everyOperationOnAClosedTensorThrows() {
        Tensor t = backend().tensor(new float[][] {{1, 2}, {3, 4}});
        Tensor ok = backend().tensor(new float[] {1, 2});
        t.close();
        assertTrue(t.isClosed());
        assertFailsWith(IllegalStateException.class, t::toFloatArray, "closed");
        assertFailsWith(IllegalStateException.class, () -> t.add(ok), "closed");
        assertFailsWith(IllegalStateException.class, () -> ok.add(t), "closed");
        assertFailsWith(IllegalStateException.class, t::sum, "closed");
        assertFailsWith(IllegalStateException.class, t::norm, "closed");
        assertFailsWith(IllegalStateException.class, () -> t.reshape(4), "closed");
        assertFailsWith(IllegalStateException.class, () -> t.slice(0, 0, 1), "closed");
        assertFailsWith(
                IllegalStateException.class, () -> t.gatherRows(backend().tensor(new int[] {0})), "closed");
        assertTrue(t.toString().contains("closed"));
    }

    @Test
    default void closedIdsCannotBeLookedUp() {
        Tensor ids = backend().tensor(new int[] {0});
        ids.close();
        try (Embedding e = new Embedding(backend(), 2, 2, 1L)) {
            assertFailsWith(IllegalStateException.class, () -> e.forward(ids), "closed");
        }
    }

    @Test
    default void closeIsIdempotent() {
        Tensor t = backend().tensor(new float[] {1});
        t.close();
        t.close();
        assertTrue(t.isClosed());
    }

    @Test
    default void aScopeClosesWhatWasCreatedInsideIt() {
        Tensor outside = backend().tensor(new float[] {1});
        Tensor inside;
        Tensor kept;
        try (TensorScope scope = TensorScope.open()) {
            inside = backend().tensor(new float[] {2});
            kept = scope.keep(inside.add(outside));
            assertEquals(1, scope.size());
        }
        assertTrue(inside.isClosed());
        assertFalse(kept.isClosed());
        assertFalse(outside.isClosed());
        assertArrayEquals(new float[] {3}, kept.toFloatArray());
    }

    @Test
    default void keptTensorsMoveToTheEnclosingScope() {
        Tensor kept;
        try (TensorScope outer = TensorScope.open()) {
            try (TensorScope inner = TensorScope.open()) {
                kept = inner.keep(backend().tensor(new float[] {1}));
            }
            assertFalse(kept.isClosed());
            assertEquals(1, outer.size());
        }
        assertTrue(kept.isClosed());
    }

    @Test
    default void aReshapedViewOutlivesTheOriginal() {
        Tensor t = backend().tensor(new float[] {1, 2, 3, 4});
        Tensor view = t.reshape(2, 2);
        t.close();
        assertArrayEquals(new float[] {1, 2, 3, 4}, view.toFloatArray(), "memory is freed with the last view");
        view.close();
    }

    @Test
    default void moduleParametersSurviveTheScopeTheyWereBuiltIn() {
        Embedding e;
        try (TensorScope scope = TensorScope.open()) {
            e = new Embedding(backend(), 3, 2, 1L);
            e.forward(backend().tensor(new int[] {0}));
        }
        assertFalse(e.weight().value().isClosed(), "parameters belong to the module, not the scope");
        e.close();
        assertTrue(e.weight().value().isClosed());
    }
}
