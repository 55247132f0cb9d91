package io.callbridge.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The callbridge server JVMs of one run: one, or several on one Redis. With several, node i sends its phone system's
 * reports to node i + 1's phone webhook (the last to the first), so every call's phone events arrive at a node other
 * than the one whose engine placed it. CPU, heap and GC are summed over the nodes (the longest GC is the longest of
 * any node).
 */
final class Nodes implements AutoCloseable {
    private final List<ServerProcess> servers;

    private Nodes(List<ServerProcess> servers) {
        this.servers = servers;
    }

    static Nodes start(int count, List<String> jvmArgs, List<String> args, Map<String, String> env, Path out)
            throws IOException {
        List<ServerProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Path log = out.resolve(count == 1 ? "server-callbridge.log" : "server-callbridge-" + i + ".log");
                servers.add(ServerProcess.start(jvmArgs, args, env, log));
            }
            if (count > 1) {
                for (int i = 0; i < count; i++) {
                    servers.get(i).forwardPhoneReportsTo(servers.get((i + 1) % count));
                }
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(ServerProcess::close);
            throw e;
        }
        return new Nodes(servers);
    }

    ServerProcess get(int i) {
        return servers.get(i);
    }

    List<ServerProcess> all() {
        return servers;
    }

    long heapAfterGc() throws IOException {
        long sum = 0;
        for (ServerProcess s : servers) {
            sum += s.heapAfterGc();
        }
        return sum;
    }

    long cpuNanos() throws IOException {
        long sum = 0;
        for (ServerProcess s : servers) {
            sum += s.cpuNanos();
        }
        return sum;
    }

    /** Collections so far over every node; the longest is the longest of any node since the last call. */
    GcPauses gc() throws IOException {
        long collections = 0;
        long total = 0;
        long longest = 0;
        for (ServerProcess s : servers) {
            GcPauses g = s.gc();
            collections += g.collections();
            total += g.totalMillis();
            longest = Math.max(longest, g.longestMillis());
        }
        return new GcPauses(collections, total, longest);
    }

    List<String> info() throws IOException {
        List<String> lines = new ArrayList<>();
        for (ServerProcess s : servers) {
            lines.add(s.info());
        }
        return lines;
    }

    @Override
    public void close() {
        servers.forEach(ServerProcess::close);
    }
}
