/**
 * Test helpers over real sockets: {@link dev.llmgateway.testing.FakeUpstream} (a scriptable,
 * fault-injecting OpenAI-compatible upstream) and {@link dev.llmgateway.testing.OpenAiBodies}.
 */
package dev.llmgateway.testing;
