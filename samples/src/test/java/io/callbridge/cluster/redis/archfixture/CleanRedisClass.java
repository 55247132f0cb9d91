package io.callbridge.cluster.redis.archfixture;

/** A clean class for ArchitectureRulesCanFailTest: cluster-redis may use core and Lettuce. */
public class CleanRedisClass {
    io.callbridge.core.model.CallId id = io.callbridge.core.model.CallId.of("clean");
    io.lettuce.core.RedisURI uri;
}
