/**
 * The OpenCL backend, {@code aparapi}: Aparapi translates the bytecode of the {@code *Kernel} classes here to
 * OpenCL C and runs them on a GPU or an OpenCL CPU device such as PoCL. Every launch is checked: Aparapi's
 * silent fallback to Java threads becomes an exception unless {@code -Dllm.aparapi.allowJtp=true} allows it.
 */
package org.llmfromscratch.backend.aparapi;
