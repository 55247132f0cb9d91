/**
 * A real {@code redis-server} for tests: {@link io.callbridge.testkit.redis.RedisServer} starts Debian's binary on a
 * free loopback port with a temporary directory (optionally persisting with an append-only file) and can stop, kill
 * and restart it; {@link io.callbridge.testkit.redis.RedisServerExtension} runs one around JUnit 5 tests.
 */
@NullMarked
package io.callbridge.testkit.redis;

import org.jspecify.annotations.NullMarked;
