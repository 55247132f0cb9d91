package io.callbridge.testkit.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Just enough of the Redis protocol to check a server from a test: one command, the first line of its reply. */
final class Resp {
    private Resp() {
    }

    static String command(RedisServer server, String... words) {
        try (Socket s = new Socket(server.host(), server.port())) {
            s.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String w : words) {
                byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(w).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            // A bulk string: the value is on the next line.
            if (first != null && first.startsWith("$") && !first.equals("$-1")) {
                return in.readLine();
            }
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
