/**
 * Inference with the shipped models: {@link dev.llmgateway.models.runtime.ModelBundle} loads the
 * manifest, verifies checksums and opens the {@link dev.llmgateway.models.runtime.SentenceEncoder}
 * and the ONNX heads; {@link dev.llmgateway.models.runtime.BundleSession} analyses text on one
 * thread; {@link dev.llmgateway.models.runtime.FeatureLayout} builds head inputs for training and
 * inference alike.
 */
package dev.llmgateway.models.runtime;
