/**
 * The request pipeline: {@link dev.llmgateway.core.pipeline.Stage}s run in a fixed order by an
 * index-based {@link dev.llmgateway.core.pipeline.Chain} that checks the call-once contract.
 */
package dev.llmgateway.core.pipeline;
