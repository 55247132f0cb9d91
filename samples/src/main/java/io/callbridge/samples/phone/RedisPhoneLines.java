package io.callbridge.samples.phone;

import io.callbridge.core.model.CallId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link PhoneLines} in one Redis hash, {@code {PREFIX}:demo:phone:lines}: field = call id, value =
 * {@code STATE|IN} or {@code STATE|OUT|BEHAVIOUR}. Each compare-and-set is one Lua script; inbound ids come from
 * {@code INCR {PREFIX}:demo:phone:inbound}. Durable as Redis is (with {@code appendfsync always}, every change that
 * returned).
 */
public final class RedisPhoneLines implements PhoneLines {
    /** ARGV: id, new state, then the states it may move from. */
    private static final String MOVE = """
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if not cur then return 0 end
            local bar = string.find(cur, '|', 1, true)
            local state = string.sub(cur, 1, bar - 1)
            for i = 3, #ARGV do
              if ARGV[i] == state then
                redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. string.sub(cur, bar))
                return 1
              end
            end
            return 0
            """;
    /** ARGV: id, then the states it may end from; returns the state it had, or nil. */
    private static final String END = """
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if not cur then return false end
            local state = string.sub(cur, 1, string.find(cur, '|', 1, true) - 1)
            for i = 2, #ARGV do
              if ARGV[i] == state then
                redis.call('HDEL', KEYS[1], ARGV[1])
                return state
              end
            end
            return false
            """;

    private final RedisCommands<String, String> redis;
    private final String linesKey;
    private final String inboundKey;

    /** @param keyPrefix the deployment's key prefix; the keys are {@code {keyPrefix}:demo:phone:…} */
    public RedisPhoneLines(RedisCommands<String, String> redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.linesKey = "{" + keyPrefix + "}:demo:phone:lines";
        this.inboundKey = "{" + keyPrefix + "}:demo:phone:inbound";
    }

    @Override
    public boolean add(Line line) {
        return redis.hsetnx(linesKey, line.id().value(), encode(line));
    }

    @Override
    public Optional<Line> get(CallId id) {
        String value = redis.hget(linesKey, id.value());
        return value == null ? Optional.empty() : Optional.of(decode(id, value));
    }

    @Override
    public boolean move(CallId id, Set<State> from, State to) {
        Long moved = redis.eval(MOVE, ScriptOutputType.INTEGER, new String[] {linesKey},
                args(id, to.name(), from));
        return moved != null && moved == 1L;
    }

    @Override
    public Optional<State> end(CallId id, Set<State> from) {
        String had = redis.eval(END, ScriptOutputType.VALUE, new String[] {linesKey}, args(id, null, from));
        return had == null ? Optional.empty() : Optional.of(State.valueOf(had));
    }

    @Override
    public List<Line> all() {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : redis.hgetall(linesKey).entrySet()) {
            lines.add(decode(CallId.of(e.getKey()), e.getValue()));
        }
        return lines;
    }

    @Override
    public long nextInboundNumber() {
        return redis.incr(inboundKey);
    }

    private static String[] args(CallId id, @Nullable String to, Set<State> from) {
        List<String> args = new ArrayList<>();
        args.add(id.value());
        if (to != null) {
            args.add(to);
        }
        from.forEach(s -> args.add(s.name()));
        return args.toArray(String[]::new);
    }

    private static String encode(Line line) {
        SimulatedPhoneSystem.Behaviour b = line.behaviour();
        return line.state().name() + (b == null ? "|IN" : "|OUT|" + b.name());
    }

    private static Line decode(CallId id, String value) {
        String[] parts = value.split("\\|", -1);
        SimulatedPhoneSystem.Behaviour behaviour = parts.length == 3 && parts[1].equals("OUT")
                ? SimulatedPhoneSystem.Behaviour.valueOf(parts[2]) : null;
        return new Line(id, behaviour, State.valueOf(parts[0]));
    }
}
