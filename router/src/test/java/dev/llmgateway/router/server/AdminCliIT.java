package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.AdminApiIT.CHAT;
import static dev.llmgateway.router.server.AdminApiIT.SECRETS;
import static dev.llmgateway.router.server.AdminApiIT.THREE_ACCOUNTS;
import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.router.cli.Main;
import dev.llmgateway.router.pool.AccountStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The admin commands run in-process against a gateway on a real socket. */
class AdminCliIT {

    private static GatewayHarness gw;

    @BeforeAll
    static void start() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run admin(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--server", "http://127.0.0.1:" + gw.server.port(),
                "--admin-key", ADMIN_KEY));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static void assertNoSecret(Run r) {
        for (String secret : SECRETS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), "leaks a secret: " + r);
        }
    }

    @Test
    void budgets_addListRemove_throughTheCli() {
        java.time.Instant now = java.time.Instant.now();
        gw.gateway().tenancy().database().execute().insert("INSERT INTO organizations (id, name, status, created_at, "
                + "updated_at) VALUES ('org_cli', 'Cli Org', 'active', ?, ?)", dev.llmgateway.store.Rows.time(now),
                dev.llmgateway.store.Rows.time(now));
        Run added = admin("add-budget", "--org=org_cli", "--period=month", "--amount=25.00", "--name=pilot",
                "--threshold=50", "--threshold=100");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().startsWith("created budget bud_"), added.out());
        String id = added.out().substring("created budget ".length(), added.out().indexOf('\n'));

        Run listed = admin("list-budgets", "--org=org_cli");
        assertEquals(0, listed.exit(), listed.err());
        String[] lines = listed.out().split("\n");
        assertTrue(lines[0].startsWith("BUDGET "), listed.out());
        assertTrue(lines[1].startsWith(id + " ") && lines[1].contains("pilot") && lines[1].contains("$25")
                && lines[1].contains("refuse"), listed.out());

        Run bad = admin("add-budget", "--org=org_cli", "--period=fortnight", "--amount=1");
        assertEquals(1, bad.exit(), bad.out());
        assertTrue(bad.err().contains("period"), bad.err());

        assertEquals(0, admin("remove-budget", "--org=org_cli", "--id=" + id).exit());
        assertEquals(1, admin("list-budgets", "--org=org_cli").out().split("\n").length, "only the header is left");
    }

    @Test
    void listAccounts_printsAnAlignedTable() {
        Run r = admin("list-accounts");

        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("ACCOUNT "), r.out());
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[1].startsWith("fake/first "), r.out());
        assertTrue(lines[1].contains("sk-…aaaa"), r.out());
        assertEquals(lines[0].indexOf("STATUS"), lines[1].indexOf("healthy"), "columns line up");
        assertNoSecret(r);
    }

    @Test
    void listAccounts_withJson_printsTheApiAnswer() {
        Run r = admin("list-accounts", "--json");

        assertEquals(0, r.exit(), r.err());
        assertEquals(3, json(r.out()).path("data").size());
    }

    @Test
    void disableThenEnable_switchTheAccountInTheRunningGateway() {
        Run off = admin("disable-account", "--id=fake/third");

        assertEquals(0, off.exit(), off.err());
        assertTrue(off.out().startsWith("account fake/third is now disabled\n"), off.out());
        assertEquals(AccountStatus.DISABLED, gw.server.gateway().accounts().pool().status("fake/third")
                .orElseThrow().status());

        Run on = admin("enable-account", "--id", "fake/third");

        assertEquals(0, on.exit(), on.err());
        assertTrue(on.out().startsWith("account fake/third is now healthy\n"), on.out());
        assertEquals(AccountStatus.HEALTHY, gw.server.gateway().accounts().pool().status("fake/third")
                .orElseThrow().status());
    }

    @Test
    void statusStatsAndHealthCheck_printTheirTables() {
        gw.chat(CHAT);

        Run status = admin("status");
        Run stats = admin("stats");
        Run health = admin("health-check");

        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().startsWith("llm-gateway "), status.out());
        assertTrue(status.out().contains("client keys: 2"), status.out());
        assertTrue(status.out().contains("\nPROVIDER "), status.out());
        assertEquals(0, stats.exit(), stats.err());
        assertTrue(stats.out().contains("\nACCOUNT ") && stats.out().contains("\nPROVIDER "), stats.out());
        assertEquals(0, health.exit(), health.err());
        assertTrue(health.out().startsWith("ACCOUNT "), health.out());
        assertEquals(4, health.out().split("\n").length, health.out());
        List.of(status, stats, health).forEach(AdminCliIT::assertNoSecret);
    }

    @Test
    void unknownAccount_failsWithTheGatewaysMessage() {
        Run r = admin("disable-account", "--id=fake/nope");

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("404") && r.err().contains("fake/nope"), r.err());
    }

    @Test
    void malformedId_isAUsageError() {
        Run r = admin("enable-account", "--id=nope");

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("provider/name"), r.err());
    }

    @Test
    void wrongAdminKey_exits4_withAClearMessage() {
        Run r = run("list-accounts", "--server", "http://127.0.0.1:" + gw.server.port(), "--admin-key", "wrong");

        assertEquals(4, r.exit());
        assertTrue(r.err().contains("rejected the admin key"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unreachableGateway_exits3_withAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Run r = run("status", "--server", "http://127.0.0.1:" + closedPort, "--admin-key", ADMIN_KEY);

        assertEquals(3, r.exit());
        assertTrue(r.err().contains("Cannot reach the gateway at http://127.0.0.1:" + closedPort), r.err());
    }

    @Test
    void addApiKey_thenRemoveAccount_roundTrip_neverPrintsTheKey() {
        String secret = "sk-cli-added-key-00009999";
        Run added = admin("add-api-key", "--key=" + secret, "--name=cli", "--provider=fake", "--models=gpt-4o",
                "--weight=2");
        assertEquals(0, added.exit(), added.toString());
        assertTrue(added.out().contains("added account fake/cli"), added.out());
        assertFalse(added.out().contains(secret) || added.err().contains(secret), added.toString());
        assertTrue(admin("list-accounts").out().contains("fake/cli"));

        Run again = admin("add-api-key", "--key=" + secret, "--name=cli", "--provider=fake");
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("409"), again.err());

        Run removed = admin("remove-account", "--id=fake/cli");
        assertEquals(0, removed.exit(), removed.toString());
        assertFalse(admin("list-accounts").out().contains("fake/cli"));
        Run configured = admin("remove-account", "--id=fake/first");
        assertEquals(1, configured.exit());
        assertTrue(configured.err().contains("configuration file"), configured.err());
    }
}
