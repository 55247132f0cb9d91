package io.callbridge.rest.hubspot.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers or updates a HubSpot app's calling-extension settings and recording URL template:
 * <pre>
 * HUBSPOT_DEVELOPER_API_KEY=… HubSpotCallingSettingsTool --app-id 123456 --name "Acme Phone" \
 *     --url https://softphone.acme.example/static/hubspot/softphone.html \
 *     [--width 400] [--height 600] [--is-ready true] [--supports-inbound-calling true] …
 *     [--recording-url-template https://calls.acme.example/hubspot/recordings/%s]
 * </pre>
 * It reads the current settings first, creates them when the app has none and otherwise changes only the fields given
 * that differ, printing each change. {@code --help} prints {@link #USAGE_TEXT}. Exit status: {@value #OK} done (or
 * nothing to change), {@value #USAGE} bad arguments, {@value #REFUSED} HubSpot refused (its category, message and
 * fields are printed), {@value #FAILED} HubSpot could not be reached. The developer API key is never printed or logged.
 */
public final class HubSpotCallingSettingsTool {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;

    /** The environment variable the developer API key is read from when {@code --developer-api-key} is not given. */
    public static final String KEY_VARIABLE = "HUBSPOT_DEVELOPER_API_KEY";

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotCallingSettingsTool.class);

    public static final String USAGE_TEXT = String.join("\n",
            "Usage: java -cp <hubspot-rest jar and its dependencies> " + HubSpotCallingSettingsTool.class.getName()
                    + " \\",
            "         --app-id ID [--name TEXT --url URL] [options]",
            "",
            "Creates or updates the calling-extension settings of a HubSpot app (and its recording URL template)",
            "through HubSpot's API. The current settings are read first; only the fields given that differ change.",
            "",
            "  --app-id ID                     the app's id (developer account > Apps)",
            "  --developer-api-key KEY         the developer account's API key; better: set " + KEY_VARIABLE,
            "  --name TEXT                     the name in HubSpot's call menu (required to create)",
            "  --url URL                       the https softphone page HubSpot opens (required to create)",
            "  --width PX                      the calling frame's width (new apps: 400)",
            "  --height PX                     the calling frame's height (new apps: 600)",
            "  --is-ready true|false           offered to users (new apps: true)",
            "  --supports-inbound-calling B    takes inbound calls in HubSpot (new apps: true)",
            "  --uses-calling-window B         opens in HubSpot's calling window (new apps: false)",
            "  --uses-remote B                 anchored in HubSpot's calling remote (new apps: true)",
            "  --supports-custom-objects B     calls from custom objects' records (new apps: false)",
            "  --recording-url-template URL    the https URL HubSpot asks for a call's recording, with %s where",
            "                                  the call id goes, e.g. https://calls.acme.example/hubspot/recordings/%s",
            "  --api-base-url URL              HubSpot's API (default https://api.hubapi.com)",
            "  --help, -h                      print this and exit",
            "",
            "Options take their value as the next argument or after '=' (--width=360).",
            "Exit status: 0 done or nothing to change, 2 bad arguments, 3 HubSpot refused, 1 HubSpot unreachable.",
            "");

    private static final List<String> HELP = List.of("--help", "-h");
    private static final List<String> OPTIONS = List.of("--app-id", "--developer-api-key", "--name", "--url",
            "--width", "--height", "--is-ready", "--supports-inbound-calling", "--uses-calling-window",
            "--uses-remote", "--supports-custom-objects", "--recording-url-template", "--api-base-url");

    public static void main(String[] args) {
        int status = new HubSpotCallingSettingsTool().run(args, System.getenv(), System.out, System.err);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Does the work of {@link #main} with this environment and these streams; returns the exit status. */
    public int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (asksForHelp(args)) {
            out.print(USAGE_TEXT);
            out.flush();
            return OK;
        }
        HubSpotCallingSettingsApi api;
        CallingSettingsChange change;
        String recording;
        try {
            Map<String, String> options = parse(args);
            long appId = whole(required(options, "--app-id"), "--app-id");
            String key = options.get("--developer-api-key");
            if (key == null) {
                key = environment.get(KEY_VARIABLE);
            }
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("the developer API key is required: set " + KEY_VARIABLE
                        + " (or give --developer-api-key)");
            }
            URI base = url(options.getOrDefault("--api-base-url", "https://api.hubapi.com"), "--api-base-url");
            api = new HubSpotCallingSettingsApi(base, appId, key, Duration.ofSeconds(20));
            change = new CallingSettingsChange(options.get("--name"), optionalUrl(options, "--url"),
                    optionalInt(options, "--width"), optionalInt(options, "--height"),
                    optionalBool(options, "--is-ready"), optionalBool(options, "--supports-inbound-calling"),
                    optionalBool(options, "--uses-calling-window"), optionalBool(options, "--uses-remote"),
                    optionalBool(options, "--supports-custom-objects"));
            recording = options.get("--recording-url-template");
            if (recording != null) {
                HubSpotCallingSettingsApi.RecordingSettings.check(recording);
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        try {
            HubSpotCallingSettingsApi.Applied applied = api.apply(change, recording);
            if (applied.changes().isEmpty()) {
                out.println("Nothing to change: the app's settings are already as given.");
            } else {
                out.println(applied.settingsCreated() ? "Created the app's calling settings:"
                        : "Updated the app's settings:");
                applied.changes().forEach(line -> out.println("  " + line));
            }
            out.flush();
            return OK;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (HubSpotApiException e) {
            LOG.debug("HubSpot refused the settings", e);
            err.println("error: " + e.getMessage());
            err.flush();
            return REFUSED;
        } catch (IOException e) {
            LOG.debug("HubSpot could not be reached", e);
            err.println("error: " + e.getMessage());
            err.flush();
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return FAILED;
        }
    }

    private static int usage(PrintStream err, @Nullable String message) {
        err.println("error: " + message);
        err.println();
        err.print(USAGE_TEXT);
        err.flush();
        return USAGE;
    }

    static boolean asksForHelp(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (HELP.contains(args[i])) {
                return true;
            }
            if (!(args[i].startsWith("--") && args[i].indexOf('=') > 0)) {
                i++;
            }
        }
        return false;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg;
                if (!OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown option " + name + "; known: " + OPTIONS);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; known: " + OPTIONS);
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException(name + " given twice");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static long whole(String value, String name) {
        try {
            long n = Long.parseLong(value.strip());
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was '" + value + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static @Nullable Integer optionalInt(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        long n = whole(value, name);
        if (n > 10_000) {
            throw new IllegalArgumentException(name + " must be at most 10000 pixels, was '" + value + "'");
        }
        return (int) n;
    }

    private static @Nullable Boolean optionalBool(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        };
    }

    private static @Nullable URI optionalUrl(Map<String, String> options, String name) {
        String value = options.get(name);
        return value == null ? null : url(value, name);
    }

    private static URI url(String value, String name) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + value + "'", e);
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute URL, was '" + value + "'");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost");
        if (!scheme.equals("https") && !(name.equals("--api-base-url") && scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException(name + " must be an https URL, was '" + value + "'");
        }
        return uri;
    }
}
