/**
 * Pretraining as the book's chapter 5: {@link org.llmfromscratch.train.Trainer} runs
 * {@code train_model_simple} (with appendix D's warm-up, cosine decay and gradient clipping as options),
 * {@link org.llmfromscratch.train.LossCalculator} computes {@code calc_loss_batch} and
 * {@code calc_loss_loader}, and {@link org.llmfromscratch.train.TrainingCheckpoint} saves and resumes runs.
 */
package org.llmfromscratch.train;
