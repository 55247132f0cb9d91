package io.callbridge.adapter.salesforce.opencti;

import org.jspecify.annotations.Nullable;

/**
 * One input variable of a flow screen pop: the flow variable's API name, its flow data type (e.g.
 * {@code String}, {@code Number}, {@code Boolean}, {@code SObject}) and its JSON value.
 */
public record FlowArg(String name, String type, @Nullable Object value) {

    public FlowArg {
        Args.nonBlank(name, "params.flowArgs[].name");
        Args.nonBlank(type, "params.flowArgs[].type");
        value = JsonValues.any(value, "params.flowArgs[].value");
    }
}
