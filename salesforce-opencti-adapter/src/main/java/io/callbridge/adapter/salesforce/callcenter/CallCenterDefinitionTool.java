package io.callbridge.adapter.salesforce.callcenter;

import java.io.IOException;
import java.io.PrintStream;
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
 * {@code --help} (or {@code -h}) prints {@link #USAGE_TEXT} to standard output. Otherwise it says on standard
 * output where it wrote the file, or on standard error what is wrong (followed by the usage for bad arguments); the
 * exit status is {@value #OK} on success and for {@code --help}, {@value #USAGE} for bad arguments and
 * {@value #IO_ERROR} when the file cannot be written. Nothing is logged above DEBUG.
 */
public final class CallCenterDefinitionTool {

    public static final int OK = 0;
    public static final int IO_ERROR = 1;
    public static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CallCenterDefinitionTool.class);

    /** What {@code --help} prints. */
    public static final String USAGE_TEXT = String.join("\n",
            "Usage: java -cp <adapter jar>:<slf4j-api jar> " + CallCenterDefinitionTool.class.getName() + " \\",
            "         --internal-name NAME --display-name TEXT --adapter-url URL --out FILE \\",
            "         [--height PX] [--width PX] [--standby-url URL --timeout-ms MS]",
            "",
            "Writes the Salesforce call-center definition (Lightning, Open CTI API on) to import in",
            "Setup > Call Centers > Import.",
            "",
            "  --internal-name NAME   the call center's internal name: letters, digits and _ (e.g. acmePhone)",
            "  --display-name TEXT    the name agents and admins see (e.g. \"Acme Phone\")",
            "  --adapter-url URL      the https softphone page Salesforce opens (reqAdapterUrl),",
            "                         e.g. https://softphone.acme.example/static/salesforce/softphone.html",
            "  --out FILE             where to write the XML; written beside it first, then moved into place",
            "  --height PX            the softphone panel's height (reqSoftphoneHeight)",
            "  --width PX             the softphone panel's width (reqSoftphoneWidth)",
            "  --standby-url URL      a second adapter URL Salesforce tries when the first does not answer",
            "  --timeout-ms MS        how long Salesforce waits for --adapter-url before --standby-url",
            "  --help, -h             print this and exit",
            "",
            "Options take their value as the next argument or after '=' (--height=600).",
            "Exit status: 0 written, 2 bad arguments, 1 the file could not be written.",
            "");

    private static final List<String> HELP = List.of("--help", "-h");

    private static final List<String> OPTIONS = List.of("--internal-name", "--display-name", "--adapter-url",
            "--height", "--width", "--standby-url", "--timeout-ms", "--out");

    public static void main(String[] args) {
        int status = new CallCenterDefinitionTool().run(args);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Does the work of {@link #main} on the process's standard streams; returns the exit status instead of exiting. */
    public int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** Does the work of {@link #main}, printing to {@code out} and {@code err}; returns the exit status. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (asksForHelp(args)) {
            out.print(USAGE_TEXT);
            out.flush();
            return OK;
        }
        Path file;
        String xml;
        try {
            Map<String, String> options = parse(args);
            file = outPath(required(options, "--out"));
            xml = definition(options).toXml();
        } catch (IllegalArgumentException e) {
            LOG.debug("Call-center definition not written", e);
            err.println("error: " + e.getMessage());
            err.println();
            err.print(USAGE_TEXT);
            err.flush();
            return USAGE;
        }
        try {
            write(file, xml);
        } catch (IOException e) {
            LOG.debug("Call-center definition not written to {}", file, e);
            err.println("error: cannot write " + file + ": " + e);
            err.flush();
            return IO_ERROR;
        }
        out.println("Call-center definition written to " + file);
        out.flush();
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

    /** Whether {@code --help} or {@code -h} stands where an option name would (not as another option's value). */
    static boolean asksForHelp(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (HELP.contains(args[i])) {
                return true;
            }
            if (!(args[i].startsWith("--") && args[i].indexOf('=') > 0)) {
                i++; // skips the value
            }
        }
        return false;
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
