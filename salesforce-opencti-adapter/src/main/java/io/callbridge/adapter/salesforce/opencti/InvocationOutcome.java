package io.callbridge.adapter.salesforce.opencti;

/**
 * How an invocation ended: Salesforce answered ({@link OpenCtiResult}, successful or not), or no answer came
 * back ({@link LocalFailure}). Kept apart because retry decisions differ: a Salesforce failure is final,
 * while a local failure may be retried on another frame (with the side effect's idempotency key).
 */
public sealed interface InvocationOutcome permits OpenCtiResult, LocalFailure {
}
