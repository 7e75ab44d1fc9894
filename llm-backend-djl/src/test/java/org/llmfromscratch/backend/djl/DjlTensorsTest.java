package org.llmfromscratch.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** Tensor to NDArray and back: shape, dtype and values kept; copies independent; views shared; nothing leaked. */
class DjlTensorsTest {
    private final Backend djl = Backends.get("djl");
    private final Backend heap = Backend.of("heap", new StubKernels());
    private NDManager manager;
    private int arraysBefore;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
        arraysBefore = root().getManagedArrays().size();
    }

    @AfterEach
    void closeAndCountLeftovers() {
        manager.close();
        assertEquals(arraysBefore, root().getManagedArrays().size(), "arrays left in the djl backend's manager");
    }

    private NDManager root() {
        return ((DjlKernels) djl.kernels()).root();
    }

    private static long[] dims(NDArray a) {
        return a.getShape().getShape();
    }

    @Test
    void aFloatTensorOfEitherBackendBecomesAnArrayOfTheSameShapeAndValues() {
        for (Backend b : new Backend[] {djl, heap}) {
            try (Tensor t = b.tensor(new float[][] {{1.5f, -2, 3}, {4, 5, 6.25f}})) {
                NDArray a = DjlTensors.toNDArray(t, manager);
                assertEquals(DataType.FLOAT32, a.getDataType(), b.name());
                assertArrayEquals(new long[] {2, 3}, dims(a), b.name());
                assertArrayEquals(new float[] {1.5f, -2, 3, 4, 5, 6.25f}, a.toFloatArray(), b.name());
                assertSame(manager, a.getManager());
            }
        }
    }

    @Test
    void integerIdsKeepTheirDType() {
        for (Backend b : new Backend[] {djl, heap}) {
            try (Tensor i32 = b.tensor(new int[][] {{40, 367}, {2885, 1464}});
                    Tensor i64 = b.tensor(new long[] {50256L, 7L})) {
                NDArray a = DjlTensors.toNDArray(i32, manager);
                NDArray c = DjlTensors.toNDArray(i64, manager);
                assertEquals(DataType.INT32, a.getDataType());
                assertArrayEquals(new int[] {40, 367, 2885, 1464}, a.toIntArray());
                assertEquals(DataType.INT64, c.getDataType());
                assertArrayEquals(new long[] {50256L, 7L}, c.toLongArray());
            }
        }
    }

    @Test
    void arraysComeBackAsTensorsOnEitherBackend() {
        NDArray a = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(3, 2));
        NDArray ids = manager.create(new long[] {3, 1, 4}, new ai.djl.ndarray.types.Shape(3));
        for (Backend b : new Backend[] {djl, heap}) {
            try (Tensor t = DjlTensors.fromNDArray(a, b);
                    Tensor i = DjlTensors.fromNDArray(ids, b)) {
                assertEquals(Shape.of(3, 2), t.shape());
                assertEquals(DType.FLOAT32, t.dtype());
                assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
                assertEquals(DType.INT64, i.dtype());
                assertArrayEquals(new long[] {3, 1, 4}, i.toLongArray());
                assertSame(b, t.backend());
            }
        }
    }

    @Test
    void aTransposedArrayComesBackInRowMajorOrder() {
        NDArray a = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3))
                .transpose();
        for (Backend b : new Backend[] {djl, heap}) {
            try (Tensor t = DjlTensors.fromNDArray(a, b)) {
                assertEquals(Shape.of(3, 2), t.shape());
                assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toFloatArray(), b.name());
            }
        }
    }

    @Test
    void scalarsAndEmptyTensorsRoundTrip() {
        try (Tensor s = djl.scalar(2.5f);
                Tensor e = djl.zeros(DType.FLOAT32, 0, 3)) {
            NDArray sa = DjlTensors.toNDArray(s, manager);
            NDArray ea = DjlTensors.toNDArray(e, manager);
            assertEquals(0, sa.getShape().dimension());
            assertArrayEquals(new long[] {0, 3}, dims(ea));
            try (Tensor s2 = DjlTensors.fromNDArray(sa, heap);
                    Tensor e2 = DjlTensors.fromNDArray(ea, djl)) {
                assertEquals(Shape.of(), s2.shape());
                assertEquals(2.5, s2.item());
                assertEquals(Shape.of(0, 3), e2.shape());
            }
        }
    }

    @Test
    void aCopyIsIndependentOfTheTensor() {
        Tensor t = djl.tensor(new float[] {1, 2, 3});
        NDArray a = DjlTensors.toNDArray(t, manager);
        a.addi(10);
        assertArrayEquals(new float[] {1, 2, 3}, t.toFloatArray(), "the tensor did not change");
        t.close();
        assertArrayEquals(new float[] {11, 12, 13}, a.toFloatArray(), "the copy outlives the tensor");
        Tensor back = DjlTensors.fromNDArray(a, djl);
        a.addi(1);
        assertArrayEquals(new float[] {11, 12, 13}, back.toFloatArray());
        back.close();
    }

    @Test
    void aViewSharesTheTensorsMemoryAndOutlivesIt() {
        Tensor t = djl.tensor(new float[][] {{1, 2}, {3, 4}});
        NDArray v = DjlTensors.view(t, manager);
        assertArrayEquals(new long[] {2, 2}, dims(v));
        v.addi(1); // only to prove that no copy was made; users must not modify views
        assertArrayEquals(new float[] {2, 3, 4, 5}, t.toFloatArray());
        t.close();
        assertArrayEquals(new float[] {2, 3, 4, 5}, v.toFloatArray(), "libtorch keeps the memory for the view");
    }

    @Test
    void aViewOfAnotherBackendsTensorIsRefusedWithTheAlternative() {
        try (Tensor t = heap.tensor(new float[] {1})) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> DjlTensors.view(t, manager));
            assertTrue(e.getMessage().contains("'heap'") && e.getMessage().contains("toNDArray"), e.getMessage());
        }
    }

    @Test
    void unsupportedDataTypesAreRejectedWithTheFix() {
        NDArray d = manager.create(new double[] {1.0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlTensors.fromNDArray(d, djl));
        assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("toType"), e.getMessage());
    }

    @Test
    void dataTypesMapBothWays() {
        for (DType t : DType.values()) {
            assertEquals(t, DjlTensors.dtype(DjlTensors.dataType(t)));
        }
    }

    @Test
    void aClosedTensorCannotBeConverted() {
        Tensor t = djl.tensor(new float[] {1});
        t.close();
        assertThrows(IllegalStateException.class, () -> DjlTensors.toNDArray(t, manager));
    }
}
