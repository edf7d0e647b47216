package dev.llmgateway.router.admin;

/**
 * One admin API operation. Throws {@link dev.llmgateway.tenancy.TenancyException} (or
 * {@link AdminError}) for every failure the caller should see; anything else is a 500.
 */
@FunctionalInterface
public interface AdminHandler {

    AdminReply handle(AdminRequest request);
}
