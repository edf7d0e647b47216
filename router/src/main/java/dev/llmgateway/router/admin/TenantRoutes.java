package dev.llmgateway.router.admin;

import dev.llmgateway.tenancy.Tenancy;
import java.util.ArrayList;
import java.util.List;

/** The admin routes of every tenancy feature, in the order they are registered. */
final class TenantRoutes {

    private TenantRoutes() {
    }

    static List<AdminRoutes> all(Tenancy tenancy) {
        List<AdminRoutes> routes = new ArrayList<>();
        routes.add(new AuthRoutes(tenancy));
        routes.add(new OrgRoutes(tenancy));
        routes.add(new UserRoutes(tenancy));
        routes.add(new AuditRoutes(tenancy));
        // feature routes: one line each
        routes.add(new KeyRoutes(tenancy));
        routes.add(new QuotaRoutes(tenancy));
        routes.add(new ReportRoutes(tenancy));
        return routes;
    }
}
