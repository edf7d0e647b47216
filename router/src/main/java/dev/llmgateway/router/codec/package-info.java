/** Helpers shared by the ingress codecs: the JSON mapper and typed field reads with clear 400s. */
package dev.llmgateway.router.codec;
