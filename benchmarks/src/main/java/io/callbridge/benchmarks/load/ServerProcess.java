package io.callbridge.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server JVM the generator started ({@code io.callbridge.benchmarks.cli.LoadServerMain}), with the generator's own
 * class path, and the control channel to it over its standard input and output. Its log (standard error) goes to a
 * file. Closing it asks it to quit, then kills it if it does not.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    private static final String MAIN = "io.callbridge.benchmarks.cli.LoadServerMain";

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final int port;
    private final int phonePort;

    private ServerProcess(Process process, BufferedReader out, Writer in, int port, int phonePort) {
        this.process = process;
        this.out = out;
        this.in = in;
        this.port = port;
        this.phonePort = phonePort;
    }

    /**
     * @param jvmArgs e.g. {@code -Xmx1g}
     * @param args the server's arguments ({@code echo} or {@code callbridge ...})
     * @param env added to the inherited environment (the token secret)
     */
    public static ServerProcess start(List<String> jvmArgs, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        LOG.info("starting server JVM: {} (log {})", String.join(" ", jvmArgs) + " " + String.join(" ", args), log);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        // The JVM's own messages (e.g. a flight recording starting) may come first.
        String first = out.readLine();
        for (int skipped = 0; first != null && !first.startsWith("READY ") && skipped < 100; skipped++) {
            first = out.readLine();
        }
        if (first == null || !first.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IOException("server JVM did not start (first line: " + first + "); see " + log);
        }
        String[] ready = first.strip().split(" ");
        return new ServerProcess(process, out, in, Integer.parseInt(ready[1]),
                ready.length > 2 ? Integer.parseInt(ready[2]) : 0);
    }

    public int port() {
        return port;
    }

    /** The port of the server's phone webhook ({@link PhoneWebhook}); 0 for the echo. */
    public int phonePort() {
        return phonePort;
    }

    /** Sends this server's phone reports to another server's phone webhook. */
    public void forwardPhoneReportsTo(ServerProcess next) throws IOException {
        ask("PEER " + next.phonePort());
    }

    public long pid() {
        return process.pid();
    }

    /** Heap in use after full GCs, in bytes. */
    public long heapAfterGc() throws IOException {
        return Long.parseLong(ask("HEAP").substring(5).strip());
    }

    /** The server's process CPU time so far, in nanoseconds. */
    public long cpuNanos() throws IOException {
        return Long.parseLong(ask("CPU").substring(4).strip());
    }

    /** Collections so far, with the longest since the previous call. */
    public GcPauses gc() throws IOException {
        return GcPauses.parse(ask("GC"));
    }

    /** The server's {@code INFO} line, e.g. {@code INFO rejectedReports=0}. */
    public String info() throws IOException {
        return ask("INFO");
    }

    /** Sends {@code command} and hands every answer line up to {@code END} to {@code lines}. */
    public void askMany(String command, Consumer<String> lines) throws IOException {
        send(command);
        String line;
        while ((line = out.readLine()) != null && !line.equals("END")) {
            lines.accept(line);
        }
        if (line == null) {
            throw new IOException("server JVM ended during " + command);
        }
    }

    private synchronized String ask(String command) throws IOException {
        send(command);
        String answer = out.readLine();
        while (answer != null && answer.startsWith("[")) {
            answer = out.readLine(); // the JVM's unified logging, not an answer
        }
        if (answer == null || answer.startsWith("ERR")) {
            throw new IOException("server JVM answered " + command + " with " + answer);
        }
        return answer;
    }

    private void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    @Override
    public void close() {
        try {
            send("QUIT");
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                LOG.warn("server JVM {} did not quit; killing it", process.pid());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
