package dev.llmgateway.core.route;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.ChatRequest;

/**
 * Turns a request into an ordered plan. Immutable and thread-safe; throws
 * {@link dev.llmgateway.core.error.NotFoundException} (code {@code model_not_found}) when the model
 * is unknown and {@link dev.llmgateway.core.error.PermissionDeniedException} when the caller may
 * not use it.
 */
public interface RoutingPolicy {

    RoutePlan plan(ChatRequest request, ClientIdentity caller);
}
