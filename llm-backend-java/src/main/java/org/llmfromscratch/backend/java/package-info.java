/**
 * The pure-Java backend: heap {@code float[]}/{@code int[]} storage and loops the JIT vectorizes.
 * Registered as {@code java} through {@code META-INF/services}.
 */
package org.llmfromscratch.backend.java;
