package dev.llmgateway.router.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.PermissionDeniedException;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import dev.llmgateway.router.route.AutoPolicy;
import dev.llmgateway.router.route.Candidate;
import dev.llmgateway.router.route.PolicyRouter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code POST /v1/routing/explain}: a Chat Completions body whose model names a routing policy;
 * answers what the policy would choose and why, without calling any upstream. Headers
 * {@code x-gateway-quality-target} and the client key work as for a real request.
 */
final class RoutingExplainHandler implements Handler {

    private final Gateway gateway;
    private final OpenAiChatCodec codec;

    RoutingExplainHandler(Gateway gateway, OpenAiChatCodec codec) {
        this.gateway = gateway;
        this.codec = codec;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        try {
            ClientIdentity caller = gateway.auth().authenticate(n -> req.headers().first(HeaderNames.create(n)),
                    ClientAddress.of(req), Permission.READ_ONLY);
            ChatRequest request = codec.decode(BodyReader.read(req, gateway.config().server().maxBodyBytes()));
            PolicyRouter router = gateway.router();
            if (!router.isPolicy(request.model())) {
                throw notAPolicy(request, router);
            }
            if (!caller.mayUse(request.model())) {
                throw new PermissionDeniedException("Your API key may not use the routing policy '" + request.model()
                        + "'.", "model", "model_not_allowed");
            }
            Optional<Double> target = req.headers().first(HeaderNames.create("x-gateway-quality-target"))
                    .map(Double::parseDouble);
            AutoPolicy.Decision d = router.explain(request, new PolicyRouter.Hints(Optional.empty(), target))
                    .orElseThrow(() -> notAPolicy(request, router)); // deleted in the meantime
            res.status(Status.OK_200).send(Json.bytes(body(request.model(), d)));
        } catch (GatewayException e) {
            res.status(Status.create(e.status())).send(codec.encodeError(e));
        } catch (NumberFormatException e) {
            GatewayException bad = new InvalidRequestException("x-gateway-quality-target must be a number from 0 to 1.",
                    null, "invalid_quality_target");
            res.status(Status.BAD_REQUEST_400).send(codec.encodeError(bad));
        }
    }

    private static InvalidRequestException notAPolicy(ChatRequest request, PolicyRouter router) {
        return new InvalidRequestException("'" + request.model() + "' is not a routing policy; policies: "
                + router.policyNames() + ".", "model", "not_a_policy");
    }

    private static ObjectNode body(String policy, AutoPolicy.Decision d) {
        ObjectNode root = Json.object().put("policy", policy).put("model", d.chosen().model())
                .put("rule", d.rule()).put("quality_target", d.qualityTarget()).put("explanation", d.explain(policy));
        if (!Double.isNaN(d.requiredQuality())) {
            root.put("required_quality", d.requiredQuality());
        }
        d.classification().ifPresentOrElse(c -> root.putObject("classification")
                .put("language", c.language().code()).put("intent", c.intent().label())
                .put("intent_confidence", c.intentConfidence()).put("complexity", c.complexity())
                        .put("difficulty", c.difficulty()),
                () -> root.putNull("classification"));
        ArrayNode eligible = root.putArray("candidates");
        for (Candidate c : d.eligible()) {
            ObjectNode candidate = eligible.addObject().put("model", c.model()).put("quality", c.quality());
            if (c.declaresPrices()) {
                candidate.put("input_price", c.inputPrice()).put("output_price", c.outputPrice());
            } else {
                candidate.putNull("input_price").putNull("output_price");
            }
        }
        ArrayNode excluded = root.putArray("excluded");
        d.rejected().forEach(excluded::add);
        // live scores: candidates failing or slow over the policy's window, and whether they were skipped
        ObjectNode live = root.putObject("live_scores");
        ObjectNode degraded = live.putObject("degraded");
        d.live().skipped().forEach(degraded::put);
        live.put("skipped", !d.live().skipped().isEmpty() && !d.live().allDegraded());
        return root;
    }
}
