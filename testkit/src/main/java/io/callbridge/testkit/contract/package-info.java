/**
 * Contract suites of core's ports: abstract JUnit 5 test classes that every implementation of a port runs, so that
 * core's in-memory defaults, {@code callbridge-cluster-redis} and a vendor's own store are held to the same promises.
 *
 * <ul>
 *   <li>{@link io.callbridge.testkit.contract.VersionedStoreContract} (with {@code OfCalls}, {@code OfAgents},
 *       {@code OfWorkItems}): compare-and-set, the open index written with it, removal, searches by owner, no lost
 *       update under concurrent writers;</li>
 *   <li>{@link io.callbridge.testkit.contract.AgentEventRouterContract}: per-agent sequences, replay after a sequence,
 *       live delivery in order with no gap and no repeat, {@code onGap}, closing;</li>
 *   <li>{@link io.callbridge.testkit.contract.DeliveryStoreContract}: claims as leases, fences, attempts, release,
 *       finish, pending entries per agent, the outbox ({@code park}, {@code owedBy});</li>
 *   <li>{@link io.callbridge.testkit.contract.CrmStateStoreContract}: compare-and-set of versioned values, expiry,
 *       removal, names.</li>
 * </ul>
 *
 * A test class extends one and supplies the implementation through its factory method (a new, empty one per test);
 * several backends fit in one test class as {@code @Nested} subclasses. Add {@code callbridge-testkit} with test scope.
 */
@NullMarked
package io.callbridge.testkit.contract;

import org.jspecify.annotations.NullMarked;
