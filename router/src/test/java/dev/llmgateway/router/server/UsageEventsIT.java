package dev.llmgateway.router.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.llmgateway.store.Rows;
import dev.llmgateway.testing.Reply;
import dev.llmgateway.testing.TestBroker;
import io.helidon.dbclient.DbRow;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every served request becomes one usage row (tokens, exact cost, tenant); refused requests none. */
class UsageEventsIT {

    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private long rows() {
        return gw.gateway().usage().store().count();
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    @Test
    void inProcess_jsonAndStreamedRequests_becomeRows_refusedOnesDoNot() throws Exception {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.json(200, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500,"
                + "\"total_tokens\":1500}}"));
        assertEquals(200, gw.chat("{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")
                .statusCode());
        assertEquals(200, gw.chat("{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"b\"}]}").statusCode());
        assertEquals(400, gw.chat("{\"model\":\"fake/gpt-4o\",\"messages\":\"not a list\"}").statusCode());
        assertEquals(401, gw.post("/v1/chat/completions", "{}", "Authorization", "Bearer lgw_wrong").statusCode());

        await(() -> rows() == 2, "two served requests, two rows: " + rows());
        Thread.sleep(300);
        assertEquals(2, rows(), "refused requests leave no usage row");
        DbRow row = gw.gateway().tenancy().database().execute()
                .get("SELECT * FROM usage_events WHERE model = 'gpt-4o'").orElseThrow();
        assertEquals(1000, Rows.requiredLong(row, "input_tokens"));
        assertEquals(500, Rows.requiredLong(row, "output_tokens"));
        assertEquals("fake", Rows.requiredString(row, "provider"));
        assertEquals("fake/default", Rows.requiredString(row, "account"));
        assertEquals("ok", Rows.requiredString(row, "outcome"));
        BigDecimal cost = Rows.decimal(row, "cost_usd").orElseThrow();
        assertTrue(cost.signum() >= 0, cost.toString());

        String admin = "Bearer " + GatewayHarness.ADMIN_KEY;
        var report = GatewayHarness.json(gw.get("/admin/api/v1/reports/usage?granularity=total&group_by=model",
                "Authorization", admin).body());
        assertEquals(2, report.path("data").size(), report.toString());
        assertEquals(1000, report.path("data").get(0).path("input_tokens").asLong(), report.toString());
        HttpResponse<String> csv = gw.get("/admin/api/v1/reports/usage?granularity=day&group_by=provider,model&format=csv",
                "Authorization", admin);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().startsWith("bucket,provider,model,requests,"), csv.body());
        assertEquals(3, csv.body().strip().split("\n").length, csv.body());
        assertEquals(400, gw.get("/admin/api/v1/reports/usage?group_by=password", "Authorization", admin).statusCode());
        assertEquals(400, gw.get("/admin/api/v1/reports/usage?granularity=week", "Authorization", admin).statusCode());
        var forecast = GatewayHarness.json(gw.get("/admin/api/v1/reports/forecast", "Authorization", admin).body());
        assertTrue(forecast.has("projected_usd"), forecast.toString());
    }

    @Test
    void rabbitmq_concurrentRequests_everyOneStoredOnce_throughTheBroker() throws Exception {
        TestBroker.require();
        String queue = TestBroker.uniqueQueue();
        try {
            gw = GatewayHarness.startTopLevel("", "", "", "cost:\n  bus: rabbitmq\n  rabbitmq: {queue: " + queue + "}");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<HttpResponse<String>>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                done.add(pool.submit(() -> gw.chat(AdminApiIT.chat("request " + n))));
            }
            int ok = 0;
            for (Future<HttpResponse<String>> f : done) {
                ok += f.get().statusCode() == 200 ? 1 : 0;
            }
            pool.shutdown();
            int served = ok;
            await(() -> rows() == served, "usage rows " + rows() + " for " + served + " served requests");
            assertEquals(200, served);
        } finally {
            ConnectionFactory f = new ConnectionFactory();
            f.setHost(TestBroker.HOST);
            f.setPort(TestBroker.PORT);
            try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
                ch.queueDelete(queue);
                ch.queueDelete(queue + ".dlq");
            }
        }
    }
}
