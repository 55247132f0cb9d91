package io.callbridge.benchmarks.load;

import io.callbridge.core.CommandResult;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a phone system's reports reach <em>another</em> callbridge node, as a vendor's webhook may land on any node of a
 * deployment: the node whose engine placed the call ({@link TimedPhoneSystem}) sends each report as one text line over
 * a loopback TCP connection to the next node, whose {@link Receiver} hands it to that node's {@link TelephonyEvents}.
 * One connection per pair of nodes keeps each call's reports in order. Lines: {@code D <callId> <e164|->},
 * {@code R <callId>}, {@code A <callId>}, {@code H <callId>}, {@code U <callId>}, {@code M <callId> true|false},
 * {@code E <callId> <EndStatus>}.
 */
public final class PhoneWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneWebhook.class);

    private PhoneWebhook() {
    }

    /** The line for {@code event}; the call id must hold no whitespace. */
    static String encode(ProviderEvent event) {
        String id = event.callId().value();
        for (int i = 0; i < id.length(); i++) {
            if (Character.isWhitespace(id.charAt(i))) {
                throw new IllegalArgumentException("call id with whitespace cannot be sent: " + id);
            }
        }
        if (event instanceof ProviderEvent.Dialing d) {
            return "D " + id + " " + (d.from() == null ? "-" : d.from().e164());
        } else if (event instanceof ProviderEvent.Ringing) {
            return "R " + id;
        } else if (event instanceof ProviderEvent.Answered) {
            return "A " + id;
        } else if (event instanceof ProviderEvent.Held) {
            return "H " + id;
        } else if (event instanceof ProviderEvent.Resumed) {
            return "U " + id;
        } else if (event instanceof ProviderEvent.MuteChanged m) {
            return "M " + id + " " + m.muted();
        } else if (event instanceof ProviderEvent.Ended e) {
            return "E " + id + " " + e.status().name();
        }
        throw new IllegalArgumentException("the load phone system never sends " + event.getClass().getSimpleName());
    }

    /** The event a line stands for; a line that is none is an {@link IllegalArgumentException} that quotes it. */
    static ProviderEvent decode(String line) {
        String[] p = line.split(" ");
        if (p.length < 2 || p[0].length() != 1) {
            throw new IllegalArgumentException("not a phone report line: '" + line + "'");
        }
        CallId id = CallId.of(p[1]);
        int expected = switch (p[0].charAt(0)) {
            case 'D', 'M', 'E' -> 3;
            default -> 2;
        };
        if (p.length != expected) {
            throw new IllegalArgumentException("phone report '" + line + "' needs " + expected + " parts");
        }
        return switch (p[0].charAt(0)) {
            case 'D' -> new ProviderEvent.Dialing(id, p[2].equals("-") ? null : new PhoneNumber(p[2], null, p[2]));
            case 'R' -> new ProviderEvent.Ringing(id);
            case 'A' -> new ProviderEvent.Answered(id);
            case 'H' -> new ProviderEvent.Held(id);
            case 'U' -> new ProviderEvent.Resumed(id);
            case 'M' -> new ProviderEvent.MuteChanged(id, Boolean.parseBoolean(p[2]));
            case 'E' -> new ProviderEvent.Ended(id, EndStatus.valueOf(p[2]));
            default -> throw new IllegalArgumentException("unknown phone report kind in '" + line + "'");
        };
    }

    /** Sends reports to another node's {@link Receiver}; thread-safe (the phone system's timers share it). */
    public static final class Sender implements Consumer<ProviderEvent>, AutoCloseable {
        private final Socket socket;
        private final BufferedWriter out;

        private Sender(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII));
        }

        public static Sender connect(int port) throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return new Sender(s);
        }

        @Override
        public void accept(ProviderEvent event) {
            String line = encode(event);
            synchronized (out) {
                try {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("phone report to the next node failed", e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Takes reports from other nodes' senders and reports them to this node's core. */
    public static final class Receiver implements AutoCloseable {
        private final ServerSocket server;
        private final TelephonyEvents events;
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong received = new AtomicLong();

        private Receiver(ServerSocket server, TelephonyEvents events) {
            this.server = server;
            this.events = events;
        }

        /** Listens on a free loopback port. */
        public static Receiver listen(TelephonyEvents events) throws IOException {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Receiver r = new Receiver(server, events);
            Thread accept = new Thread(r::acceptLoop, "phone-webhook-accept");
            accept.setDaemon(true);
            accept.start();
            return r;
        }

        public int port() {
            return server.getLocalPort();
        }

        /** Reports core refused. */
        public long rejected() {
            return rejected.get();
        }

        public long received() {
            return received.get();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread t = new Thread(() -> read(s), "phone-webhook-" + s.getPort());
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        LOG.warn("phone webhook accept failed", e);
                    }
                }
            }
        }

        private void read(Socket s) {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    received.incrementAndGet();
                    try {
                        CommandResult result = events.report(decode(line));
                        if (result instanceof CommandResult.Rejected r) {
                            rejected.incrementAndGet();
                            LOG.warn("core refused a forwarded report: {}", r.error());
                        }
                    } catch (RuntimeException e) {
                        rejected.incrementAndGet();
                        LOG.warn("forwarded phone report failed", e);
                    }
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("phone webhook connection lost", e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
