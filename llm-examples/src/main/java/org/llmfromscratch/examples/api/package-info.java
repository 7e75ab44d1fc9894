/** Numbered, runnable programs that show the API, as the README quotes them. */
package org.llmfromscratch.examples.api;
