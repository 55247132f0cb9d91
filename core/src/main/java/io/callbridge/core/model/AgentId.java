package io.callbridge.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An agent within a tenant. Tenants isolate vendors' customers from each other, so every agent reference
 * carries its tenant; two agents with the same name in different tenants are different agents.
 */
public record AgentId(String tenant, String agent) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    public AgentId {
        check("tenant", tenant);
        check("agent", agent);
    }

    public static AgentId of(String tenant, String agent) {
        return new AgentId(tenant, agent);
    }

    private static void check(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must be 1-128 characters of letters, digits and ._@+- but was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return tenant + "/" + agent;
    }
}
