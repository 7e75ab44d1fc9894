/**
 * Our GPT-2 data pipeline as a DJL dataset: {@link org.llmfromscratch.djl.data.SlidingWindowDjlDataset}
 * serves the windows of a {@link org.llmfromscratch.data.SlidingWindowDataset} to DJL's
 * {@code getData(manager)} iteration and {@code Trainer}, batched by DJL's samplers and batchifiers.
 * Interop lives here, not in llm-data, so that llm-data stays free of DJL and no backend is needed:
 * this package depends on llm-data and {@code ai.djl:api} only, and works with whichever DJL engine the
 * application puts on its classpath.
 */
package org.llmfromscratch.djl.data;
