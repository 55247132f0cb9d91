package io.callbridge.cluster.redis.internal;

/** Every Lua script cluster-redis runs, loaded once per backend. */
final class Scripts {
    final LuaScript storeCas = LuaScript.load("store-cas");
    final LuaScript storeCasPublish = LuaScript.load("store-cas-publish");
    final LuaScript agentState = LuaScript.load("agent-state");
    final LuaScript agentRecent = LuaScript.load("agent-recent");
    final LuaScript agentActivity = LuaScript.load("agent-activity");
    final LuaScript storeRemove = LuaScript.load("store-remove");
    final LuaScript storeFind = LuaScript.load("store-find");
    final LuaScript storeRead = LuaScript.load("store-read");
    final LuaScript eventsPublish = LuaScript.load("events-publish");
    final LuaScript eventsReplay = LuaScript.load("events-replay");
    final LuaScript eventsGap = LuaScript.load("events-gap");
    final LuaScript owedClaim = LuaScript.load("owed-claim");
    final LuaScript owedRenew = LuaScript.load("owed-renew");
    final LuaScript owedUnclaim = LuaScript.load("owed-unclaim");
    final LuaScript owedFinish = LuaScript.load("owed-finish");
    final LuaScript owedPending = LuaScript.load("owed-pending");
    final LuaScript owedPark = LuaScript.load("owed-park");
    final LuaScript owedBy = LuaScript.load("owed-by");
    final LuaScript crmStateCas = LuaScript.load("crmstate-cas");
    final LuaScript crmStateRemove = LuaScript.load("crmstate-remove");
    final LuaScript leaseAcquire = LuaScript.load("lease-acquire");
    final LuaScript leaseRelease = LuaScript.load("lease-release");
    final LuaScript keysRead = LuaScript.load("keys-read");
    final LuaScript keysRotate = LuaScript.load("keys-rotate");
    final LuaScript keysDrop = LuaScript.load("keys-drop");
    final LuaScript topicsPut = LuaScript.load("topics-put");
}
