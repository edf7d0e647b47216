/**
 * Account types: how each kind of upstream account presents itself to its provider. An
 * {@link dev.llmgateway.router.accounttype.AccountType} prepares every upstream request made with
 * one of its accounts (auth header, beta headers, body changes) through a
 * {@link dev.llmgateway.router.accounttype.Preparation} and says how its upstream errors read. API
 * keys: {@code OpenAiApiKey}, {@code AnthropicApiKey}, {@code GeminiApiKey}, {@code OpenRouterKey},
 * {@code CustomOpenAiCompatible}. Subscription OAuth
 * ({@link dev.llmgateway.router.accounttype.OAuthAccountType}, an operator opt-in):
 * {@code ClaudeCodeOAuth}, {@code GeminiCliOAuth}, which also describe their OAuth dialect
 * (authorization URL, token requests). {@link dev.llmgateway.router.accounttype.AccountTypes} lists
 * them; adding a type means one class here and one line there.
 */
package dev.llmgateway.router.accounttype;
