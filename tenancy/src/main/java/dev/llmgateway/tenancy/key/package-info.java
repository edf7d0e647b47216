/**
 * Client API keys stored in the database: {@link dev.llmgateway.tenancy.key.ClientKeys} manages
 * them (create, list, update, enable/disable, rotate with a grace period, delete),
 * {@link dev.llmgateway.tenancy.key.KeyValidator} checks a presented key on every request from a
 * cache that {@link dev.llmgateway.tenancy.key.KeyCacheSync} keeps in step across instances, and
 * {@link dev.llmgateway.tenancy.key.KeyActorResolver} lets admin-permission keys use the admin API.
 * {@link dev.llmgateway.tenancy.key.Cidr} parses and matches the networks a key may be used from.
 */
package dev.llmgateway.tenancy.key;
