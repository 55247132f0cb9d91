/** Guice wiring of cluster-redis. */
@NullMarked
package io.callbridge.cluster.redis.inject;

import org.jspecify.annotations.NullMarked;
