/** Training commands of the examples tool: learning embeddings, and the pictures of a training run. */
package org.llmfromscratch.examples.train;
