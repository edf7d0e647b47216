package dev.llmgateway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.error.PermissionDeniedException;
import dev.llmgateway.core.route.RoutePlan;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.router.config.ConfigFixtures;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.route.ModelCatalog.ModelEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private static final String YAML = """
            router:
              providers:
                openai:
                  api-key: sk-test
                  models: [gpt-4o, gpt-4o-mini]
                openrouter:
                  api-key: sk-or
                  models: [meta/llama-3, gpt-4o-mini]
                local:
                  base-uri: http://localhost:11434/v1
              aliases:
                fast: openai/gpt-4o-mini
                anything: local/qwen
            """;

    private static final ClientIdentity EVERYONE = caller();

    private static GatewayConfig config(String yaml) {
        return ConfigFixtures.fromYaml(yaml);
    }

    private static final ModelCatalog CATALOG = new ModelCatalog(config(YAML));

    private static ClientIdentity caller(String... patterns) {
        return new ClientIdentity("lgw_test…", "test", List.of(patterns));
    }

    private static ChatRequest request(String model) {
        return new ChatRequest(model, List.of(Message.text(Role.USER, "hi")), List.of(), Optional.empty(),
                Optional.empty(), SamplingParams.defaults(), false, false, Optional.empty(), Optional.empty());
    }

    private static Target plan(String model) {
        RoutePlan plan = CATALOG.plan(request(model), EVERYONE);
        assertEquals(1, plan.targets().size());
        return plan.first();
    }

    @Test
    void plan_alias_resolvesToItsTarget() {
        assertEquals(new Target("openai", "gpt-4o-mini", "alias fast"), plan("fast"));
    }

    @Test
    void plan_aliasToProviderWithoutModelList_resolves() {
        Target t = plan("anything");
        assertEquals("local", t.provider());
        assertEquals("qwen", t.model());
    }

    @Test
    void plan_providerSlashListedModel_resolves() {
        assertEquals(new Target("openai", "gpt-4o", "explicit provider/model"), plan("openai/gpt-4o"));
    }

    @Test
    void plan_modelNameContainingSlash_keepsEverythingAfterFirstSlash() {
        Target t = plan("openrouter/meta/llama-3");
        assertEquals("openrouter", t.provider());
        assertEquals("meta/llama-3", t.model());
        assertEquals("openrouter/meta/llama-3", t.id());
    }

    @Test
    void plan_providerSlashUnlistedModel_isNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> CATALOG.plan(request("openai/gpt-5-turbo"), EVERYONE));
        assertEquals(Optional.of("model_not_found"), e.code());
        assertEquals(Optional.of("model"), e.param());
        assertTrue(e.getMessage().contains("openai/gpt-5-turbo"), e.getMessage());
    }

    @Test
    void plan_providerWithoutModelList_passesAnyModelOn() {
        assertEquals(new Target("local", "any-model:7b", "explicit provider/model"), plan("local/any-model:7b"));
    }

    @Test
    void plan_providerSlashNothing_isNotFound() {
        assertThrows(NotFoundException.class, () -> CATALOG.plan(request("local/"), EVERYONE));
    }

    @Test
    void plan_unknownProviderPrefix_isNotFound() {
        assertThrows(NotFoundException.class, () -> CATALOG.plan(request("anthropic/claude"), EVERYONE));
    }

    @Test
    void plan_bareNameListedByOneProvider_resolvesToIt() {
        Target t = plan("meta/llama-3");
        assertEquals("openrouter", t.provider());
        assertEquals("meta/llama-3", t.model());
        Target t2 = plan("gpt-4o");
        assertEquals(new Target("openai", "gpt-4o", "bare model name listed by openai"), t2);
    }

    @Test
    void plan_bareNameListedByTwoProviders_resolvesToOneOfThem() {
        Target t = plan("gpt-4o-mini");
        assertEquals("gpt-4o-mini", t.model());
        assertTrue(List.of("openai", "openrouter").contains(t.provider()), t.toString());
    }

    @Test
    void plan_bareNameListedByManyProviders_resolvesToFirstInConfigurationOrder() {
        StringBuilder yaml = new StringBuilder("router:\n  providers:\n");
        for (int i = 0; i < 12; i++) {
            yaml.append("    p").append(i).append(":\n      base-uri: http://h").append(i)
                    .append("\n      models: [shared]\n");
        }
        ModelCatalog catalog = new ModelCatalog(config(yaml.toString()));
        assertEquals("p0", catalog.plan(request("shared"), EVERYONE).first().provider());
    }

    @Test
    void plan_bareNameNotListedAnywhere_isNotFoundEvenWithOpenProvider() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> CATALOG.plan(request("qwen"), EVERYONE));
        assertEquals(Optional.of("model_not_found"), e.code());
        assertEquals(Optional.of("model"), e.param());
        assertEquals(404, e.status());
    }

    @Test
    void plan_callerRestrictedToProvider_isDeniedOtherProviders() {
        ClientIdentity openaiOnly = caller("openai/*");
        assertEquals("openai", CATALOG.plan(request("openai/gpt-4o"), openaiOnly).first().provider());
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                () -> CATALOG.plan(request("openrouter/meta/llama-3"), openaiOnly));
        assertEquals(Optional.of("model_not_allowed"), e.code());
        assertEquals(Optional.of("model"), e.param());
        assertEquals(403, e.status());
    }

    @Test
    void plan_aliasAllowedByResolvedId_isAllowed() {
        assertEquals("gpt-4o-mini", CATALOG.plan(request("fast"), caller("openai/*")).first().model());
    }

    @Test
    void plan_aliasAllowedByAliasName_isAllowed() {
        assertEquals("gpt-4o-mini", CATALOG.plan(request("fast"), caller("fast")).first().model());
    }

    @Test
    void plan_bareNameAllowedByResolvedId_isAllowed() {
        assertEquals("openai", CATALOG.plan(request("gpt-4o"), caller("openai/gpt-4o")).first().provider());
    }

    @Test
    void plan_unknownModelAndRestrictedCaller_isNotFoundNotDenied() {
        assertThrows(NotFoundException.class, () -> CATALOG.plan(request("nope"), caller("openai/*")));
    }

    @Test
    void list_unrestrictedCaller_listsEveryListedModelAndAlias() {
        List<ModelEntry> entries = CATALOG.list(EVERYONE);
        assertEquals(new HashSet<>(List.of(
                        new ModelEntry("openai/gpt-4o", "openai"),
                        new ModelEntry("openai/gpt-4o-mini", "openai"),
                        new ModelEntry("openrouter/meta/llama-3", "openrouter"),
                        new ModelEntry("openrouter/gpt-4o-mini", "openrouter"),
                        new ModelEntry("fast", "openai"),
                        new ModelEntry("anything", "local"))),
                new HashSet<>(entries));
        assertEquals(6, entries.size());
    }

    @Test
    void list_modelsOfOneProvider_keepTheirConfiguredOrder() {
        List<String> openai = CATALOG.list(EVERYONE).stream().map(ModelEntry::id)
                .filter(id -> id.startsWith("openai/")).toList();
        assertEquals(List.of("openai/gpt-4o", "openai/gpt-4o-mini"), openai);
    }

    @Test
    void list_restrictedCaller_seesOnlyAllowedModelsAndAliases() {
        List<ModelEntry> entries = CATALOG.list(caller("openai/*"));
        assertEquals(new HashSet<>(List.of(
                        new ModelEntry("openai/gpt-4o", "openai"),
                        new ModelEntry("openai/gpt-4o-mini", "openai"),
                        new ModelEntry("fast", "openai"))),
                new HashSet<>(entries));
    }

    @Test
    void list_callerAllowedOnlyAnAlias_seesThatAlias() {
        assertEquals(List.of(new ModelEntry("anything", "local")), CATALOG.list(caller("anything")));
    }

    @Test
    void list_callerAllowedNothingListed_seesNothing() {
        assertEquals(List.of(), CATALOG.list(caller("anthropic/*")));
    }

    @Test
    void list_manyProviders_inConfigurationOrder() {
        StringBuilder yaml = new StringBuilder("router:\n  providers:\n");
        for (int i = 0; i < 12; i++) {
            yaml.append("    p").append(i).append(":\n      base-uri: http://h").append(i)
                    .append("\n      models: [m]\n");
        }
        List<String> ids = new ModelCatalog(config(yaml.toString())).list(EVERYONE).stream()
                .map(ModelEntry::id).toList();
        assertEquals(IntStream.range(0, 12).mapToObj(i -> "p" + i + "/m").collect(Collectors.toList()), ids);
    }
}
