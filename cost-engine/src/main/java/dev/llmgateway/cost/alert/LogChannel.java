package dev.llmgateway.cost.alert;

import java.util.logging.Logger;

/** Writes every alert to the {@code llmgw.alerts} logger at WARNING. */
public final class LogChannel implements AlertChannel {

    private static final Logger LOG = Logger.getLogger("llmgw.alerts");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void deliver(Alert alert) {
        LOG.warning(() -> "ALERT " + alert.kind() + " org=" + alert.orgId() + ": " + alert.title() + " " + alert.fields());
    }
}
