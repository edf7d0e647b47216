package dev.llmgateway.cost.event;

import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;
import java.util.Objects;

/**
 * Where the broker is and which queue carries usage events ({@code cost.rabbitmq.*}). The queue is
 * durable and dead-letters to {@code <queue>.dlq}. The password never prints.
 */
public record RabbitSettings(String host, int port, String username, String password, String virtualHost,
                             String queue) {

    public RabbitSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queue, "queue");
    }

    public String deadLetterQueue() {
        return queue + ".dlq";
    }

    ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername(username);
        f.setPassword(password);
        f.setVirtualHost(virtualHost);
        f.setConnectionTimeout(2000);
        f.setHandshakeTimeout(3000);
        f.setAutomaticRecoveryEnabled(false); // reconnecting is ours: the spool decides what is resent
        return f;
    }

    /** Declares the queue and its dead-letter queue (idempotent). */
    void declare(com.rabbitmq.client.Channel ch) throws java.io.IOException {
        ch.queueDeclare(deadLetterQueue(), true, false, false, null);
        ch.queueDeclare(queue, true, false, false, Map.of("x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", deadLetterQueue()));
    }

    @Override
    public String toString() {
        return "RabbitSettings[" + username + "@" + host + ":" + port + virtualHost + ", queue=" + queue + "]";
    }
}
