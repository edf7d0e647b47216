package dev.llmgateway.router.accounttype;

/**
 * A request body for an OAuth token endpoint, in the encoding that endpoint wants (JSON for
 * Anthropic, form encoding for Google). Holds a code, verifier or refresh token: never printed.
 */
public record TokenRequest(String contentType, String body) {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    @Override
    public String toString() {
        return "TokenRequest[" + contentType + ", ****]";
    }
}
