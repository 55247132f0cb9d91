/**
 * Core's state on Redis, so that several callbridge nodes share it and a restart of a node loses nothing:
 * {@link io.callbridge.cluster.redis.RedisSettings} says where, and
 * {@link io.callbridge.cluster.redis.inject.RedisClusterModule} replaces core's in-memory stores, event router and
 * store of owed CRM side effects. {@code docs/cluster.md} describes the keys, the scripts, the data format and what
 * is not built yet.
 */
@NullMarked
package io.callbridge.cluster.redis;

import org.jspecify.annotations.NullMarked;
