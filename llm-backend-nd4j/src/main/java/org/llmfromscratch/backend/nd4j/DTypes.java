package org.llmfromscratch.backend.nd4j;

import org.llmfromscratch.api.DType;
import org.nd4j.linalg.api.buffer.DataType;

/** The mapping between the API's element types and ND4J's. */
final class DTypes {
    private DTypes() {}

    static DataType toNd4j(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
        };
    }
}
