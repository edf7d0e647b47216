/** The usage event every served request becomes ({@link dev.llmgateway.core.usage.UsageEvent}). */
package dev.llmgateway.core.usage;
