package io.callbridge.core.spi;

import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics in a map of this process; listeners are called on the thread that changed a topic. An agent's topics go when
 * the last listener of them stops listening (its last stream on this node closed), or its last topic is cleared.
 */
final class InMemoryUiTopicStore implements UiTopicStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryUiTopicStore.class);

    private record Key(AgentId agent, String crm) { }

    private final ConcurrentHashMap<Key, Map<String, String>> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, List<Runnable>> listeners = new ConcurrentHashMap<>();

    @Override
    public void put(AgentId agent, String crm, String topic, @Nullable String json) {
        Key key = new Key(agent, crm);
        topics.compute(key, (k, current) -> {
            Map<String, String> next = current == null ? new ConcurrentHashMap<>() : current;
            if (json == null) {
                next.remove(topic);
            } else {
                next.put(topic, json);
            }
            return next.isEmpty() ? null : next;
        });
        List<Runnable> toCall = listeners.get(key);
        if (toCall != null) {
            for (Runnable listener : toCall) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.warn("a UI topic listener failed", e);
                }
            }
        }
    }

    @Override
    public Map<String, String> topics(AgentId agent, String crm) {
        Map<String, String> current = topics.get(new Key(agent, crm));
        return current == null ? Map.of() : Map.copyOf(current);
    }

    @Override
    public Subscription listen(AgentId agent, String crm, Runnable onChange) {
        Key key = new Key(agent, crm);
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(onChange);
        return () -> listeners.computeIfPresent(key, (k, list) -> {
            list.remove(onChange);
            if (list.isEmpty()) {
                // Nobody shows them any more (on one node: the agent's last frame of the CRM left): as before the
                // store existed, the topics go with the last stream.
                topics.remove(key);
                return null;
            }
            return list;
        });
    }
}
