package org.llmfromscratch.backend.nd4j;

import java.util.concurrent.atomic.AtomicLong;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.Storage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Storage in one off-heap ND4J array that this storage owns: contiguous, row-major, offset 0, and of
 * any ND4J shape with {@code size} elements (kernels view it in the shape they need; the tensor keeps
 * the real shape). {@link #release()} frees the native buffer at once with {@link INDArray#close()}
 * rather than waiting for the garbage collector and ND4J's deallocator thread.
 *
 * <p>Zero-element storages hold no array: ND4J's empty arrays are a special case in many ops, and
 * nothing needs computing on them.
 */
final class Nd4jStorage implements Storage {
    /** Storages made and not yet released, for the memory tests. */
    private static final AtomicLong LIVE = new AtomicLong();

    private final DType dtype;
    private final long size;
    private final INDArray array;
    private volatile boolean released;
    /** The last matrix view handed out: tables are viewed the same way on every forward call. */
    private volatile MatrixView lastView;

    private record MatrixView(long rows, long cols, INDArray view) {}

    private Nd4jStorage(DType dtype, long size, INDArray array) {
        this.dtype = dtype;
        this.size = size;
        this.array = array;
        LIVE.incrementAndGet();
    }

    /** Takes ownership of {@code array}, which must not be a view of another array. */
    static Nd4jStorage owning(DType dtype, INDArray array) {
        if (array.length() == 0) {
            array.close();
            return empty(dtype);
        }
        return new Nd4jStorage(dtype, array.length(), array);
    }

    /** A storage with no elements. */
    static Nd4jStorage empty(DType dtype) {
        return new Nd4jStorage(dtype, 0, null);
    }

    /** The owned array; null when {@link #size()} is 0. */
    INDArray array() {
        if (released) {
            // The API never hands a released storage to a kernel; this guards against native use-after-free.
            throw new IllegalStateException("nd4j storage was already released");
        }
        return array;
    }

    /**
     * The first {@code rows * cols} elements as a {@code [rows, cols]} view (no copy). Cached, because
     * making an ND4J view costs a native shape-info lookup and the same table is viewed on every call.
     */
    INDArray leadingRows(long rows, long cols) {
        INDArray whole = array();
        MatrixView v = lastView;
        if (v != null && v.rows == rows && v.cols == cols) {
            return v.view;
        }
        INDArray flat = whole.rank() == 1 ? whole : whole.reshape(size);
        INDArray view = rows * cols == size
                ? flat.reshape(rows, cols)
                : flat.get(NDArrayIndex.interval(0, rows * cols)).reshape(rows, cols);
        lastView = new MatrixView(rows, cols, view);
        return view;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        LIVE.decrementAndGet();
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    /** How many storages are currently unreleased in this JVM. */
    static long live() {
        return LIVE.get();
    }

    @Override
    public String toString() {
        return "Nd4jStorage[" + dtype + ", " + size + (released ? ", released]" : "]");
    }
}
