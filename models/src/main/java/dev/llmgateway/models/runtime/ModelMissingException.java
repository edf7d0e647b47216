package dev.llmgateway.models.runtime;

/** A model file or manifest is absent or does not match its recorded checksum. */
public final class ModelMissingException extends RuntimeException {

    public ModelMissingException(String message) {
        super(message);
    }
}
