package dev.llmgateway.router.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds a validated {@link GatewayConfig} from YAML text for tests in other packages. */
public final class ConfigFixtures {

    private ConfigFixtures() {
    }

    /** The configuration {@code yaml} describes, with no environment overrides. */
    public static GatewayConfig fromYaml(String yaml) {
        return fromYaml(yaml, Map.of());
    }

    public static GatewayConfig fromYaml(String yaml, Map<String, String> env) {
        try {
            return ConfigLoader.fromTree(new ObjectMapper(new YAMLFactory()).readTree(yaml), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
