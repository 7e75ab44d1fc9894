/**
 * Optimizers, as {@code torch.optim}: {@link org.llmfromscratch.api.optim.SGD},
 * {@link org.llmfromscratch.api.optim.Adam} and {@link org.llmfromscratch.api.optim.AdamW} with PyTorch's
 * exact update order, parameter groups with their own learning rate and weight decay, state that saves
 * and loads with a module's state dict, and {@link org.llmfromscratch.api.optim.GradClipping#clipGradNorm}.
 */
package org.llmfromscratch.api.optim;
