package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.cli.Main;
import dev.llmgateway.testing.FakeAuthServer;
import dev.llmgateway.testing.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The OAuth commands run in-process against a gateway on a real socket and a fake token endpoint. */
class OAuthCliIT {

    private FakeAuthServer auth;
    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    private record Run(int exit, String out, String err) {
        void assertNoToken() {
            for (String token : List.of("access-1", "refresh-1", "access-2", "refresh-2")) {
                assertFalse(out.contains(token) || err.contains(token), "leaks a token: " + this);
            }
        }
    }

    private Run admin(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--server", "http://127.0.0.1:" + gw.server.port(),
                "--admin-key", ADMIN_KEY));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(String[]::new));
        Run r = new Run(exit, out.toString(), err.toString());
        r.assertNoToken();
        return r;
    }

    @Test
    void addStartCallbackStatusRefresh_roundTrip() {
        auth = FakeAuthServer.start();
        gw = OAuthAccountsIT.gateway(auth, true);

        Run added = admin("add-oauth", "--type=claude-code", "--name=max");
        assertEquals(0, added.exit(), added.toString());
        assertTrue(added.out().startsWith("added OAuth account fake/max (claude-code-oauth), waiting for authorization\n"),
                added.out());
        assertTrue(added.out().contains("waiting for OAuth authorization"), "the table shows why it is disabled");
        assertTrue(added.out().endsWith("next: llm-gateway oauth-start --account-id=fake/max\n"), added.out());

        Run started = admin("oauth-start", "--account-id=fake/max");
        assertEquals(0, started.exit(), started.toString());
        assertTrue(started.out().contains("  " + auth.authorizeUri() + "?code=true&client_id="), started.out());
        String state = OAuthAccountsIT.query(started.out().lines().filter(l -> l.startsWith("  http")).findFirst()
                .orElseThrow().trim()).get("state");
        assertTrue(started.out().contains("oauth-callback --account-id=fake/max --state=" + state + " --code=<code>"),
                started.out());

        Run done = admin("oauth-callback", "--account-id=fake/max", "--code=the-code", "--state=" + state);
        assertEquals(0, done.exit(), done.toString());
        assertTrue(done.out().startsWith("account fake/max is authorized; its token is valid until 20"), done.out());

        Run status = admin("oauth-status");
        assertEquals(0, status.exit(), status.toString());
        String[] lines = status.out().split("\n");
        assertTrue(lines[0].startsWith("ACCOUNT   TYPE               STATUS  EXPIRES "), status.out());
        assertTrue(lines[1].startsWith("fake/max  claude-code-oauth  active  20"), status.out());
        assertTrue(lines[1].contains(" healthy "), status.out());

        Run refreshed = admin("oauth-refresh", "--id=fake/max", "--json");
        assertEquals(0, refreshed.exit(), refreshed.toString());
        JsonNode body = json(refreshed.out());
        assertEquals("active", body.path("status").asText());
        assertTrue(body.path("expires_in_seconds").asLong() > 3500, body.toString());
        assertEquals(1, auth.count("refresh_token"));

        gw.upstream.enqueue(Reply.json(200, OAuthAccountsIT.ANSWER));
        assertEquals(200, OAuthAccountsIT.messages(gw, "hi").statusCode());
        assertEquals("Bearer access-2", gw.upstream.lastRequest().header("authorization").orElseThrow());
        Run list = admin("list-accounts");
        assertTrue(list.out().contains("fake/max  claude-code-oauth  healthy"), list.out());
    }

    @Test
    void failures_exitNonZero_withTheGatewaysMessage() {
        auth = FakeAuthServer.start();
        gw = OAuthAccountsIT.gateway(auth, false);

        Run refused = admin("add-oauth", "--type=claude-code", "--name=max");
        assertEquals(4, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("accounts.allow-subscription-oauth"), refused.err());

        Run unknown = admin("oauth-start", "--account-id=fake/nope");
        assertEquals(4, unknown.exit(), "the opt-in is checked first: " + unknown);

        Run malformed = admin("oauth-refresh", "--account-id=nope");
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("provider/name"), malformed.err());

        Run status = admin("oauth-status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().startsWith("subscription OAuth accounts are off"), status.out());
    }

    @Test
    void badCallback_isRefusedWithTheField() {
        auth = FakeAuthServer.start();
        gw = OAuthAccountsIT.gateway(auth, true);
        assertEquals(0, admin("add-oauth", "--type=claude-code-oauth", "--name=max").exit());

        Run forged = admin("oauth-callback", "--account-id=fake/max", "--code=c#forged-state");

        assertEquals(1, forged.exit(), forged.toString());
        assertTrue(forged.err().contains("400") && forged.err().contains("Start over with oauth-start"), forged.err());
        assertEquals(0, auth.calls().size(), "nothing was sent to the token endpoint");
    }
}
