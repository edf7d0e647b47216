package dev.llmgateway.router.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the admin commands decide before any network call. */
class AdminCommandTest {

    private static String[] run(AdminCommand command, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new String[]{Integer.toString(exit), err.toString()};
    }

    @Test
    void noAdminKey_optionOrEnvironment_exits4_beforeCallingTheGateway() {
        StatusCommand command = new StatusCommand();
        command.env = name -> null;

        String[] r = run(command, "--server", "http://127.0.0.1:1");

        assertEquals("4", r[0]);
        assertTrue(r[1].contains("--admin-key or set LLMGW_ADMIN_KEY"), r[1]);
    }

    @Test
    void badServerUrl_isAUsageError() {
        String[] r = run(new StatsCommand(), "--server", "127.0.0.1:8080", "--admin-key", "k");

        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--server must be an http(s) URL"), r[1]);
    }

    @Test
    void mainLists_theAdminCommands_includingTheOAuthOnes() {
        var names = new CommandLine(new Main()).getSubcommands().keySet();
        assertTrue(names.containsAll(java.util.List.of("list-accounts", "disable-account", "enable-account", "status",
                "stats", "health-check")), names.toString());
        assertTrue(names.containsAll(java.util.List.of("add-api-key", "remove-account", "add-oauth", "oauth-start",
                "oauth-callback", "oauth-refresh", "oauth-status", "master-key")), names.toString());
    }
}
