package org.llmfromscratch.api.spi;

import java.util.Objects;

/**
 * Whether a backend can run on this machine, and if not, why: {@code available("OpenCL GPU: ...")} or
 * {@code unavailable("no OpenCL platform found; install an OpenCL driver such as pocl-opencl-icd")}.
 * The reason is shown to users verbatim, so it should say what to do.
 *
 * @param available true when the backend can be created
 * @param detail    the device in use when available, else the reason it is not
 */
public record Availability(boolean available, String detail) {

    public Availability {
        Objects.requireNonNull(detail, "detail");
    }

    /** The backend works; {@code device} says where it computes. */
    public static Availability available(String device) {
        return new Availability(true, device);
    }

    /** The backend cannot run; {@code reason} says why and, ideally, how to fix it. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    /** An availability that reports a probe failure with its exception type and message. */
    public static Availability failed(String what, Throwable error) {
        return unavailable(what + ": " + error.getClass().getName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()));
    }
}
