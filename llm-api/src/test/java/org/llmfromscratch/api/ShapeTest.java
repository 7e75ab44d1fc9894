package org.llmfromscratch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void broadcastingAlignsTrailingDimensions() {
        assertEquals(Shape.of(8, 4, 256), Shape.broadcast(Shape.of(8, 4, 256), Shape.of(4, 256)));
        assertEquals(Shape.of(3, 2), Shape.broadcast(Shape.of(3, 1), Shape.of(1, 2)));
        assertEquals(Shape.of(2), Shape.broadcast(Shape.of(), Shape.of(2)));
        assertEquals(Shape.of(0, 3), Shape.broadcast(Shape.of(0, 3), Shape.of(3)));
    }

    @Test
    void incompatibleShapesNameBothAndTheDimension() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Shape.broadcast(Shape.of(8, 4, 256), Shape.of(5, 256)));
        assertTrue(e.getMessage().contains("[8, 4, 256]") && e.getMessage().contains("[5, 256]"), e.getMessage());
    }

    @Test
    void negativeSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
    }

    @Test
    void numelAndDims() {
        Shape s = Shape.of(8, 4, 256);
        assertEquals(8192, s.numel());
        assertEquals(256, s.size(-1));
        assertEquals(1, Shape.of().numel());
        assertEquals("[8, 4, 256]", s.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> s.size(3));
    }
}
