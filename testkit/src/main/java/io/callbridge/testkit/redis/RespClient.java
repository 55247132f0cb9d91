package io.callbridge.testkit.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The smallest Redis client the test servers need to set themselves up (PING, AUTH, SENTINEL, CLUSTER, INFO): one
 * command per connection, replies as {@code String} (simple and bulk strings), {@code Long}, {@code List} or
 * {@link Error}. Not for the code under test, which uses Lettuce.
 */
final class RespClient {
    /** A {@code -ERR …} reply. */
    record Error(String message) {
    }

    private RespClient() {
    }

    /**
     * Sends one command and reads its reply.
     *
     * @throws IOException if the server cannot be reached or closes the connection
     */
    static @Nullable Object command(String host, int port, @Nullable SSLContext tls, @Nullable String password,
            String... args) throws IOException {
        try (Socket s = connect(host, port, tls)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            if (password != null) {
                write(out, "AUTH", password);
                Object auth = read(in);
                if (auth instanceof Error e) {
                    return e;
                }
            }
            write(out, args);
            return read(in);
        }
    }

    private static Socket connect(String host, int port, @Nullable SSLContext tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), 1_000);
        if (tls == null) {
            return plain;
        }
        Socket secure = tls.getSocketFactory().createSocket(plain, host, port, true);
        ((javax.net.ssl.SSLSocket) secure).startHandshake();
        return secure;
    }

    private static void write(OutputStream out, String... args) throws IOException {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static @Nullable Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                return new Error(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(n);
                line(in);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<@Nullable Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + (char) type);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                in.read();
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
