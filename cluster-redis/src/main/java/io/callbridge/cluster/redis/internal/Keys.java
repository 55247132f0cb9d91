package io.callbridge.cluster.redis.internal;

import io.callbridge.core.model.AgentId;

/**
 * Every Redis key and channel of one deployment. All keys start with {@code {PREFIX}:}: the braces make the prefix the
 * hash tag, so every key of a deployment is in one hash slot and each script may touch any of them (on Redis Cluster
 * too, at the price of keeping a deployment on one shard). The segment after the kind ({@code v}, {@code all},
 * {@code owner}, {@code open}, ...) keeps ids, which may contain {@code :}, from ever forming another key.
 * {@code docs/cluster.md} lists the layout.
 */
final class Keys {
    private final String root;

    Keys(String prefix) {
        this.root = "{" + prefix + "}:";
    }

    /** What every key of the deployment starts with. */
    String root() {
        return root;
    }

    /** The hash of one stored value: {@code {P}:call:v:<id>}. */
    String valuePrefix(String kind) {
        return root + kind + ":v:";
    }

    /** The set of every stored value's member: {@code {P}:call:all}. */
    String all(String kind) {
        return root + kind + ":all";
    }

    /** The set of the members of every owner's open values: {@code {P}:call:open-all}. */
    String openAll(String kind) {
        return root + kind + ":open-all";
    }

    String ownerPrefix(String kind) {
        return root + kind + ":owner:";
    }

    String openPrefix(String kind) {
        return root + kind + ":open:";
    }

    /** An owner's list of recently closed members, newest first: {@code {P}:call:recent:<agent>}. */
    String recentPrefix(String kind) {
        return root + kind + ":recent:";
    }

    /** An agent's event stream, entry ids {@code SEQUENCE-0}: {@code {P}:events:<tenant>/<agent>}. */
    String events(AgentId agent) {
        return root + "events:" + agent;
    }

    /** An agent's last issued sequence number. */
    String sequence(AgentId agent) {
        return root + "seq:" + agent;
    }

    /** The pub/sub channel that announces an agent's new events to the nodes that follow the agent. */
    String channel(AgentId agent) {
        return root + "live:" + agent;
    }

    String owedPrefix() {
        return root + "owed:v:";
    }

    String owedByAgentPrefix() {
        return root + "owed:agent:";
    }

    /** A CRM's set of owed keys ({@code owedBy}): {@code {P}:owed:crm:<crm>}. */
    String owedByCrmPrefix() {
        return root + "owed:crm:";
    }

    /**
     * A CRM state value's hash: {@code {P}:crmstate:v:<length of the namespace>:<namespace>:<key>}. The length keeps
     * a namespace with a {@code :} from ever meeting another namespace's key.
     */
    String crmState(String namespace, String key) {
        return root + "crmstate:v:" + namespace.length() + ":" + namespace + ":" + key;
    }

    /** The deployment's counter of delivery fences. */
    String fence() {
        return root + "owed:fence";
    }

    /** Who runs the deployment's housekeeping now (see {@code RedisHousekeepingLease}). */
    String housekeepingLease() {
        return root + "housekeeping:lease";
    }

    /** The deployment's agent-token signing keys (see {@code RedisSigningKeyStore}). */
    String signingKeys() {
        return root + "tokenkeys";
    }

    static String text(AgentId agent) {
        return agent.toString();
    }

    /** The agent an id's text names; tenants have no {@code /}. */
    static AgentId agent(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalStateException("stored agent id has no '/'");
        }
        return AgentId.of(text.substring(0, slash), text.substring(slash + 1));
    }
}
