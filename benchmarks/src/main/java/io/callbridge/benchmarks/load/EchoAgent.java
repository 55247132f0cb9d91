package io.callbridge.benchmarks.load;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One session against the raw echo endpoint. Sends JSON frames padded to a requested size, carrying the send time, and
 * takes the round trip when the same frame comes back. Parses each frame as {@link BridgeAgent} does, so the generator
 * spends the same per frame in both runs.
 */
public final class EchoAgent implements Session.Listener.AutoDemanding {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FlowStats stats;
    private volatile @Nullable Session session;
    private volatile boolean open;

    public EchoAgent(FlowStats stats) {
        this.stats = stats;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        open = true;
    }

    @Override
    public void onWebSocketText(String text) {
        long now = System.nanoTime();
        stats.traffic.received(text.length());
        try {
            JsonNode frame = JSON.readTree(text);
            long sent = frame.path("t").asLong(0);
            if (frame.path("m").asBoolean(false) && stats.measuring()) {
                stats.echoRoundTrip.record((now - sent) / 1_000);
            }
        } catch (RuntimeException e) {
            stats.error("unreadable frame");
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, @Nullable String reason) {
        open = false;
        session = null;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        stats.error("websocket error " + cause.getClass().getSimpleName());
    }

    public boolean isOpen() {
        return open;
    }

    /** Sends one frame of about {@code size} characters. */
    public synchronized void send(int size) {
        Session s = session;
        if (s == null) {
            stats.error("send without session");
            return;
        }
        String text = frame(System.nanoTime(), stats.measuring(), size);
        stats.traffic.sent(text.length());
        s.sendText(text, new Callback() {
            @Override
            public void fail(Throwable cause) {
                stats.error("send failed " + cause.getClass().getSimpleName());
            }
        });
    }

    public void close() {
        Session s = session;
        if (s != null) {
            s.close(1000, "done", Callback.NOOP);
        }
    }

    /** {@code {"type":"echo","t":…,"m":…,"p":"xxx…"}}, padded to {@code size} characters where it can be. */
    static String frame(long sentNanos, boolean measured, int size) {
        String head = "{\"type\":\"echo\",\"t\":" + sentNanos + ",\"m\":" + measured + ",\"p\":\"";
        int pad = Math.max(0, size - head.length() - 2);
        StringBuilder b = new StringBuilder(head.length() + pad + 2).append(head);
        for (int i = 0; i < pad; i++) {
            b.append('x');
        }
        return b.append("\"}").toString();
    }
}
