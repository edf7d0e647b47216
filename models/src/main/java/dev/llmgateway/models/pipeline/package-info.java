/**
 * Reproducible training and evaluation ({@link dev.llmgateway.models.pipeline.PipelineMain}, run by
 * {@code models/train.sh}): Tribuo logistic-regression heads on sentence embeddings and hashed
 * lexical features, exported to ONNX, measured on the shared evaluation sets into {@code EVAL.md}.
 */
package dev.llmgateway.models.pipeline;
