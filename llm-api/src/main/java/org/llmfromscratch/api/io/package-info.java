/** Saving and loading weights: the safetensors format ({@link org.llmfromscratch.api.io.SafeTensors}). */
package org.llmfromscratch.api.io;
