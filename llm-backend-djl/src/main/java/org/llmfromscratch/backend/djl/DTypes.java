package org.llmfromscratch.backend.djl;

import ai.djl.ndarray.types.DataType;
import org.llmfromscratch.api.DType;

/** Our three element types and DJL's counterparts. */
final class DTypes {
    private DTypes() {}

    static DataType toDjl(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT32;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
        };
    }

    /** @throws IllegalArgumentException for a DJL type with no llm-api counterpart, naming the fix */
    static DType fromDjl(DataType type) {
        return switch (type) {
            case FLOAT32 -> DType.FLOAT32;
            case INT32 -> DType.INT32;
            case INT64 -> DType.INT64;
            default -> throw new IllegalArgumentException("NDArray of data type " + type + " has no llm-api"
                    + " counterpart: expected float32, int32 or int64; convert it first, e.g."
                    + " array.toType(DataType.FLOAT32, false)");
        };
    }
}
