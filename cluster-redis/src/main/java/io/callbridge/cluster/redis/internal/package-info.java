/**
 * The Redis implementations of core's ports. <b>Not API:</b> everything here may change without notice; use
 * {@link io.callbridge.cluster.redis.inject.RedisClusterModule} and {@link io.callbridge.cluster.redis.RedisSettings}.
 */
@NullMarked
package io.callbridge.cluster.redis.internal;

import org.jspecify.annotations.NullMarked;
