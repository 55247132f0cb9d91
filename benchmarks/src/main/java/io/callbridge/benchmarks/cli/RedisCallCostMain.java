package io.callbridge.benchmarks.cli;

import io.callbridge.benchmarks.load.RedisCallCost;

/**
 * What one call costs in Redis, counted (commands Redis ran and round trips the node made, per call, by name):
 * {@code java -cp ... io.callbridge.benchmarks.cli.RedisCallCostMain [CALLS [AGENTS [WARMUP_CALLS]]]} (defaults 200,
 * 4, 20). Starts its own {@code redis-server}; one node in this JVM; prints a markdown table. A count, not a timing:
 * valid on a busy machine.
 */
public final class RedisCallCostMain {
    private RedisCallCostMain() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        RedisCallCost.Result result = new RedisCallCost(agents, warmup, calls).run();
        System.out.println(result.toMarkdown());
        System.exit(0);
    }
}
