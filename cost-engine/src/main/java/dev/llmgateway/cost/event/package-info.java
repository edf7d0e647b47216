/**
 * Usage events on their way from the gateway to the store: {@link dev.llmgateway.cost.event.UsageBus}
 * (in-process by default, RabbitMQ when configured), the durable {@link dev.llmgateway.cost.event.Spool},
 * and the RabbitMQ consumer.
 */
package dev.llmgateway.cost.event;
