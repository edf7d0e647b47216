package dev.llmgateway.tenancy.key;

import dev.llmgateway.core.auth.ClientIdentity;

/** The answer for a presented client key: accepted as a caller, or refused with a reason. */
public sealed interface KeyCheck {

    /** The key is valid here and now; {@code caller} is who the request acts as. */
    record Accepted(ClientKey key, ClientIdentity caller) implements KeyCheck {
    }

    /** The key may not be used; {@code message} is safe to show the caller. */
    record Refused(Refusal reason, String message) implements KeyCheck {

        static Refused of(Refusal reason) {
            return new Refused(reason, reason.message());
        }
    }
}
