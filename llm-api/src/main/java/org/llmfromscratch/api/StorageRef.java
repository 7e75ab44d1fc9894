package org.llmfromscratch.api;

import java.util.concurrent.atomic.AtomicInteger;
import org.llmfromscratch.api.spi.Storage;

/**
 * Counts the tensors that share one storage (a tensor and its reshaped views), so that the storage is
 * released once, when the last of them is closed.
 */
final class StorageRef {
    private final Storage storage;
    private final AtomicInteger users = new AtomicInteger(1);

    StorageRef(Storage storage) {
        this.storage = storage;
    }

    Storage storage() {
        return storage;
    }

    StorageRef retain() {
        users.incrementAndGet();
        return this;
    }

    void release() {
        if (users.decrementAndGet() == 0) {
            storage.release();
        }
    }
}
