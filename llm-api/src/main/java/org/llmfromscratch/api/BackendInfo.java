package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.Availability;

/**
 * What discovery found about one backend: its name, rank and whether it can run here (with the device,
 * or the reason it cannot). {@link Backends#list()} returns one per provider on the class path.
 *
 * @param name         the name to select it by
 * @param priority     higher wins when no name is given
 * @param availability available with its device, or unavailable with the reason
 * @param providerClass the provider's class name
 */
public record BackendInfo(String name, int priority, Availability availability, String providerClass) {

    /** True when the backend can be used. */
    public boolean available() {
        return availability.available();
    }

    /** {@code java (priority 10): available, CPU, Java heap, 2 threads}. */
    @Override
    public String toString() {
        return name + " (priority " + priority + "): " + (available() ? "available, " : "unavailable, ")
                + availability.detail();
    }
}
