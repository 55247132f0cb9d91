package io.callbridge.core.spi;

import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Adapter-specific state shown on an agent's softphone pages, per CRM and topic (what adapters publish with
 * {@code BridgeChannel.publishUi}, e.g. HubSpot's caller-id matches), kept where every node sees it: every frame of
 * the agent in that CRM, on whichever node it is connected, shows the same topics.
 *
 * <p>Core's default keeps them in this process ({@link #inMemory()}); a clustered store (cluster-redis) keeps them
 * in Redis and tells every node of a change. Values are JSON text, which core neither parses nor checks.
 * Thread-safe.
 */
public interface UiTopicStore {

    /**
     * Sets a topic's value, or clears it, and tells every listener of the agent's CRM (on every node).
     *
     * @param json the value as JSON text, or null to clear the topic
     * @throws StoreUnavailableException if the store cannot be reached; nothing changed then
     */
    void put(AgentId agent, String crm, String topic, @Nullable String json);

    /**
     * The agent's topics in {@code crm}: topic → JSON text.
     *
     * @throws StoreUnavailableException if the store cannot be reached
     */
    Map<String, String> topics(AgentId agent, String crm);

    /**
     * Calls {@code onChange} after each change of the agent's topics in {@code crm}, by any node, and whenever a
     * change may have been missed (e.g. once the store is reachable again); the listener then reads
     * {@link #topics}. It is called on a thread of the store and must not block.
     */
    Subscription listen(AgentId agent, String crm, Runnable onChange);

    /** Topics in this process only: right for a single node. */
    static UiTopicStore inMemory() {
        return new InMemoryUiTopicStore();
    }
}
