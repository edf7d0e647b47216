package dev.llmgateway.models.pipeline;

/** One labelled text: an intent example, or a routing prompt labelled by whether the weak model failed. */
record Sample(String id, String lang, String text, String label) {
}
