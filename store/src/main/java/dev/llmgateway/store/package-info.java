/**
 * The database layer shared by tenancy and the cost engine. {@link dev.llmgateway.store.Database}
 * opens a Helidon DB Client over a Hikari pool on H2 (embedded default) or PostgreSQL and brings the
 * schema up to date with Flyway; {@link dev.llmgateway.store.Rows} reads column values the same way
 * on both databases.
 *
 * <p>Migrations: every module puts its scripts in {@code db/migration} (portable SQL, H2 in
 * PostgreSQL mode and PostgreSQL 12+), named {@code V<yyyy>_<mm>_<dd>_<n>__<what>.sql} so modules
 * never collide; vendor-only scripts go to {@code db/vendor/postgresql} or {@code db/vendor/h2}.
 */
package dev.llmgateway.store;
