/**
 * The demo's built-in simulated upstream: {@link dev.llmgateway.router.demo.Simulator}, with
 * behaviour chosen by model name.
 */
package dev.llmgateway.router.demo;
