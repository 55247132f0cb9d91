package io.callbridge.operations;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.TransportSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The launcher's settings from {@code CALLBRIDGE_} environment variables and an optional {@code .properties} file:
 * core's, the transport's (with the health endpoints and the metrics path), the HubSpot and Salesforce adapters' and
 * Redis's. Every key has two spellings, {@code callbridge.transport.max-frame-bytes} in the file and
 * {@code CALLBRIDGE_TRANSPORT_MAX_FRAME_BYTES} in the environment; an environment variable wins over the file, and
 * the file over the defaults. {@link #keys()} lists every key (the vendor guide's table is made from it).
 *
 * <p>Strict: a key nobody knows (a {@code CALLBRIDGE_} variable, or any property of the file), a value that does not
 * parse or that the settings refuse, and a key of an adapter whose jar is not on the class path all fail the load, in
 * one {@link ConfigurationException} that names each key and its value. Secret values (the token keys, the keystore
 * password, the Redis URI, which may carry a password) are never shown, in errors or in {@link #toString()}.
 *
 * <pre>{@code
 * CallbridgeConfiguration config = CallbridgeConfiguration.fromEnvironment(Path.of("callbridge.properties"));
 * CallbridgeLauncher.start(new CoreModule(), new WebSocketTransportModule(), new OperationsModule(...),
 *         binder -> {
 *             OptionalBinder.newOptionalBinder(binder, CoreSettings.class).setBinding().toInstance(config.core());
 *             OptionalBinder.newOptionalBinder(binder, TransportSettings.class).setBinding()
 *                     .toInstance(config.transport());
 *         }, ...);
 * }</pre>
 */
public final class CallbridgeConfiguration {
    /** The environment variable that names the properties file when the launcher is given none. */
    public static final String CONFIG_FILE_VARIABLE = "CALLBRIDGE_CONFIG";
    private static final String ENV_PREFIX = "CALLBRIDGE_";
    private static final String FILE_PREFIX = "callbridge.";

    /**
     * One setting.
     *
     * @param name the key without its prefix, e.g. {@code transport.port}
     * @param type what its value is, e.g. {@code duration}
     * @param defaultValue what applies when it is not set
     * @param description what it does
     * @param secret whether its value is never shown
     */
    public record Key(String name, String type, String defaultValue, String description, boolean secret) {
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
        }

        /** Its name in the properties file, e.g. {@code callbridge.transport.port}. */
        public String property() {
            return FILE_PREFIX + name;
        }

        /** Its name in the environment, e.g. {@code CALLBRIDGE_TRANSPORT_PORT}. */
        public String environmentVariable() {
            return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    private record Raw(String text, String source) { }

    /** A group of keys sharing a prefix, and the jar it needs. */
    private record Section<S>(String prefix, String jar, Supplier<@Nullable S> defaults,
            Supplier<List<Setting<S>>> settings) { }

    private static final List<Section<?>> SECTIONS = List.of(
            new Section<>("core.", "callbridge-core", () -> CoreSettings.DEFAULTS, CoreKeys::settings),
            new Section<>("server-side.", "callbridge-core", () -> ServerSideSettings.DEFAULTS, CoreKeys::serverSide),
            new Section<>("transport.", "callbridge-transport-websocket", () -> TransportSettings.DEFAULTS,
                    TransportKeys::settings),
            new Section<>("health.", "callbridge-transport-websocket", () -> HealthEndpoints.DEFAULTS,
                    TransportKeys::health),
            new Section<>("metrics.", "callbridge-operations", () -> "/metrics", TransportKeys::metrics),
            new Section<>("hubspot.", "callbridge-hubspot-adapter", Adapters::hubspotDefaults, Adapters::hubspot),
            new Section<>("salesforce.", "callbridge-salesforce-opencti-adapter", Adapters::salesforceDefaults,
                    Adapters::salesforce),
            new Section<>("redis.", "callbridge-cluster-redis", () -> null, Adapters::redis));

    private final Map<String, @Nullable Object> values;
    private final Map<String, String> shown;

    private CallbridgeConfiguration(Map<String, @Nullable Object> values, Map<String, String> shown) {
        this.values = values;
        this.shown = shown;
    }

    /** Every key, in the order of the documented table (the keys of adapters whose jars are absent left out). */
    public static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (Section<?> section : SECTIONS) {
            List<? extends Setting<?>> settings = settingsOf(section);
            if (settings != null) {
                settings.forEach(s -> keys.add(s.key()));
            }
        }
        return keys;
    }

    /**
     * Reads the process's environment and {@code file}, or, if null, the file {@value #CONFIG_FILE_VARIABLE} names
     * (if set).
     */
    public static CallbridgeConfiguration fromEnvironment(@Nullable Path file) {
        Map<String, String> environment = System.getenv();
        Path chosen = file;
        if (chosen == null && environment.get(CONFIG_FILE_VARIABLE) != null
                && !environment.get(CONFIG_FILE_VARIABLE).isBlank()) {
            chosen = Path.of(environment.get(CONFIG_FILE_VARIABLE));
        }
        return load(environment, chosen);
    }

    /**
     * @param environment the variables to read ({@code CALLBRIDGE_} ones; the others are ignored)
     * @param file a properties file (UTF-8), or null for none
     * @throws ConfigurationException listing every key that cannot be used
     */
    public static CallbridgeConfiguration load(Map<String, String> environment, @Nullable Path file) {
        List<String> errors = new ArrayList<>();
        Map<String, Raw> raw = new LinkedHashMap<>();
        Map<String, Key> byProperty = new LinkedHashMap<>();
        Map<String, Key> byVariable = new LinkedHashMap<>();
        for (Key key : keys()) {
            byProperty.put(key.property(), key);
            byVariable.put(key.environmentVariable(), key);
        }
        if (file != null) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (NoSuchFileException e) {
                throw new ConfigurationException("the configuration file " + file + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigurationException("cannot read the configuration file " + file + ": " + e.getMessage());
            }
            for (String property : new TreeMap<>(toMap(properties)).keySet()) {
                Key key = byProperty.get(property);
                if (key == null) {
                    errors.add(unknown(property, "in " + file));
                } else {
                    raw.put(key.name(), new Raw(properties.getProperty(property), key.property() + " in " + file));
                }
            }
        }
        for (String variable : new TreeMap<>(environment).keySet()) {
            if (!variable.startsWith(ENV_PREFIX) || variable.equals(CONFIG_FILE_VARIABLE)) {
                continue;
            }
            Key key = byVariable.get(variable);
            if (key == null) {
                errors.add(unknown(variable, "in the environment"));
            } else {
                raw.put(key.name(), new Raw(environment.get(variable), key.environmentVariable()
                        + " in the environment"));
            }
        }
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (Section<?> section : SECTIONS) {
            build(section, raw, values, shown, errors);
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException("invalid callbridge configuration:\n  " + String.join("\n  ", errors));
        }
        return new CallbridgeConfiguration(values, shown);
    }

    private static <S> void build(Section<S> section, Map<String, Raw> raw, Map<String, @Nullable Object> values,
            Map<String, String> shown, List<String> errors) {
        List<Setting<S>> settings = settingsOf(section);
        if (settings == null) {
            for (Map.Entry<String, Raw> e : raw.entrySet()) {
                if (e.getKey().startsWith(section.prefix())) {
                    errors.add(e.getValue().source() + " needs " + section.jar() + " on the class path");
                }
            }
            return;
        }
        S current = section.defaults().get();
        for (Setting<S> setting : settings) {
            Key key = setting.key();
            Raw given = raw.get(key.name());
            if (given == null) {
                continue;
            }
            shown.put(key.name(), key.secret() ? "****" : given.text());
            try {
                current = setting.applier().apply(current, given.text());
            } catch (IllegalArgumentException e) {
                String why = String.valueOf(e.getMessage());
                if (key.secret()) {
                    errors.add(given.source() + " is invalid (value not shown): "
                            + why.replace(given.text(), "****"));
                } else {
                    errors.add(given.source() + " = '" + given.text() + "' " + (why.startsWith("must")
                            || why.startsWith("needs") ? why : "is refused: " + why));
                }
            }
        }
        values.put(section.prefix(), current);
    }

    @SuppressWarnings("unchecked")
    private static <S> @Nullable List<Setting<S>> settingsOf(Section<S> section) {
        try {
            return section.settings().get();
        } catch (NoClassDefFoundError absent) {
            return null;
        }
    }

    private static String unknown(String name, String where) {
        return "unknown key " + name + " " + where + " (the keys are listed in the vendor guide's Operations section)";
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    public CoreSettings core() {
        return (CoreSettings) Objects.requireNonNull(values.get("core."));
    }

    /** How core sweeps owed side effects for the server-side executors (the REST fallback modules). */
    public ServerSideSettings serverSide() {
        return (ServerSideSettings) Objects.requireNonNull(values.get("server-side."));
    }

    public TransportSettings transport() {
        return (TransportSettings) Objects.requireNonNull(values.get("transport."));
    }

    public HealthEndpoints health() {
        return (HealthEndpoints) Objects.requireNonNull(values.get("health."));
    }

    /** The Prometheus scrape endpoint's path, for {@code OperationsModule}. */
    public String metricsPath() {
        return (String) Objects.requireNonNull(values.get("metrics."));
    }

    /**
     * The HubSpot adapter's settings.
     *
     * @throws IllegalStateException if {@code callbridge-hubspot-adapter} is not on the class path
     */
    public io.callbridge.adapter.hubspot.HubSpotSettings hubspot() {
        return (io.callbridge.adapter.hubspot.HubSpotSettings) present("hubspot.", "callbridge-hubspot-adapter");
    }

    /**
     * The Salesforce adapter's settings.
     *
     * @throws IllegalStateException if {@code callbridge-salesforce-opencti-adapter} is not on the class path
     */
    public io.callbridge.adapter.salesforce.SalesforceSettings salesforce() {
        return (io.callbridge.adapter.salesforce.SalesforceSettings) present("salesforce.",
                "callbridge-salesforce-opencti-adapter");
    }

    /** Redis's settings if {@code redis.uri} is set; empty: state in memory. */
    public Optional<io.callbridge.cluster.redis.RedisSettings> redis() {
        return Optional.ofNullable((io.callbridge.cluster.redis.RedisSettings) values.get("redis."));
    }

    private Object present(String prefix, String jar) {
        if (!values.containsKey(prefix)) {
            throw new IllegalStateException(jar + " is not on the class path");
        }
        return Objects.requireNonNull(values.get(prefix));
    }

    /** The keys that were set, by name, with secrets as {@code ****}: what to log at start. */
    public Map<String, String> setKeys() {
        return Collections.unmodifiableMap(shown);
    }

    @Override
    public String toString() {
        return "CallbridgeConfiguration" + shown;
    }

    /** The adapters' keys, in classes of their own so that their absence is found when asked, not when loaded. */
    private static final class Adapters {
        private Adapters() {
        }

        static @Nullable Object hubspotDefaults() {
            return HubSpotKeys.defaults();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static List<Setting<Object>> hubspot() {
            return (List) HubSpotKeys.settings();
        }

        static @Nullable Object salesforceDefaults() {
            return SalesforceKeys.defaults();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static List<Setting<Object>> salesforce() {
            return (List) SalesforceKeys.settings();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static List<Setting<Object>> redis() {
            return (List) RedisKeys.settings();
        }
    }
}
