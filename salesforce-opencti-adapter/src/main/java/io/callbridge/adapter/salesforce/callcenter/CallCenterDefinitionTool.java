package io.callbridge.adapter.salesforce.callcenter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a vendor's call-center definition file:
 * <pre>
 * CallCenterDefinitionTool --internal-name acmeDialer --display-name "Acme Dialer"
 *     --adapter-url https://softphone.acme.example/salesforce [--height 480] [--width 320]
 *     [--standby-url https://… --timeout-ms 5000] --out acme-callcenter.xml
 * </pre>
 * It prints nothing: the result is the file, problems are logged through SLF4J and the exit status is
 * {@value #OK} on success, {@value #USAGE} for bad arguments and {@value #IO_ERROR} when the file cannot be
 * written.
 */
public final class CallCenterDefinitionTool {

    public static final int OK = 0;
    public static final int IO_ERROR = 1;
    public static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CallCenterDefinitionTool.class);

    private static final List<String> OPTIONS = List.of("--internal-name", "--display-name", "--adapter-url",
            "--height", "--width", "--standby-url", "--timeout-ms", "--out");

    public static void main(String[] args) {
        int status = new CallCenterDefinitionTool().run(args);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Does the work of {@link #main}; returns the exit status instead of exiting. */
    public int run(String[] args) {
        Path out;
        String xml;
        try {
            Map<String, String> options = parse(args);
            out = outPath(required(options, "--out"));
            xml = definition(options).toXml();
        } catch (IllegalArgumentException e) {
            LOG.error("Call-center definition not written: {}", e.getMessage());
            return USAGE;
        }
        try {
            write(out, xml);
        } catch (IOException e) {
            LOG.error("Call-center definition not written to {}: {}", out, e.toString());
            return IO_ERROR;
        }
        LOG.info("Call-center definition written to {}", out);
        return OK;
    }

    private static CallCenterDefinition definition(Map<String, String> options) {
        CallCenterDefinition.Builder builder = CallCenterDefinition.builder()
                .internalName(required(options, "--internal-name"))
                .displayName(required(options, "--display-name"))
                .adapterUrl(required(options, "--adapter-url"));
        String height = options.get("--height");
        if (height != null) {
            builder.softphoneHeight(integer(height, "--height"));
        }
        String width = options.get("--width");
        if (width != null) {
            builder.softphoneWidth(integer(width, "--width"));
        }
        String standbyUrl = options.get("--standby-url");
        String timeout = options.get("--timeout-ms");
        if ((standbyUrl == null) != (timeout == null)) {
            throw new IllegalArgumentException("--standby-url and --timeout-ms go together");
        }
        if (standbyUrl != null && timeout != null) {
            builder.standby(standbyUrl, integer(timeout, "--timeout-ms"));
        }
        return builder.build();
    }

    /** {@code --name value} or {@code --name=value}; each option at most once. */
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

    private static int integer(String value, String name) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static Path outPath(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--out is not a valid path: " + e.getMessage(), e);
        }
    }

    /** Writes beside the target and moves it into place, so a failed run never leaves half a file. */
    private static void write(Path out, String xml) throws IOException {
        Path absolute = out.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            throw new IOException("not a file path: " + out);
        }
        Path temp = Files.createTempFile(dir, ".callcenter", ".xml.tmp");
        try {
            Files.writeString(temp, xml, StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
