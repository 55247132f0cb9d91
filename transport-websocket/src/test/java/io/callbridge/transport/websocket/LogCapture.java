package io.callbridge.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the application logged while a piece of code ran: slf4j-simple, the tests' binding, writes INFO and above to
 * {@code System.err}, which is captured (and still printed, so a failing run can be read).
 */
final class LogCapture {
    private LogCapture() {
    }

    interface Flow {
        void run() throws Exception;
    }

    static String of(Flow flow) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        try {
            flow.run();
        } finally {
            System.setErr(original);
        }
        synchronized (tee) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }
}
