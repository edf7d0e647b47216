/**
 * Request analysis for routing: {@link dev.llmgateway.classifier.Classifier} (contract),
 * {@link dev.llmgateway.classifier.OnnxClassifier} (shipped ONNX models on a bounded pool),
 * {@link dev.llmgateway.classifier.Classification} (result) and
 * {@link dev.llmgateway.classifier.LanguageDetector} (script-based, no model).
 */
package dev.llmgateway.classifier;
