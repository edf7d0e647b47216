package dev.llmgateway.router.admin;

/** A group of admin API routes (one feature: organizations, keys, …) that adds itself to the table. */
public interface AdminRoutes {

    void addTo(AdminRouteTable table);
}
