/**
 * Test helpers over real sockets: {@link dev.llmgateway.testing.FakeUpstream} (a scriptable,
 * fault-injecting OpenAI-compatible upstream), {@link dev.llmgateway.testing.FakeAuthServer} (an
 * OAuth token endpoint that records, delays, refuses or revokes) and
 * {@link dev.llmgateway.testing.OpenAiBodies}.
 */
package dev.llmgateway.testing;
