/**
 * The models of "Build a Large Language Model (From Scratch)" on the llm-api: attention (chapter 3) in
 * {@link org.llmfromscratch.models.attention}, the GPT model (chapter 4) in {@link org.llmfromscratch.models.gpt},
 * text generation in {@link org.llmfromscratch.models.generate} and GPT-2's published weights in
 * {@link org.llmfromscratch.models.checkpoint}.
 */
package org.llmfromscratch.models;
