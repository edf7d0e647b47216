/** The command line: {@link dev.llmgateway.router.cli.Main} and one class per sub-command. */
package dev.llmgateway.router.cli;
