/**
 * Command-line tools for a deployment's state in Redis: {@link io.callbridge.cluster.redis.tool.TokenKeysTool} shows,
 * rotates and drops the agent-token signing keys.
 */
@NullMarked
package io.callbridge.cluster.redis.tool;

import org.jspecify.annotations.NullMarked;
