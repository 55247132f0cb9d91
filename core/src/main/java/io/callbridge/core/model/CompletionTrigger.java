package io.callbridge.core.model;

/** What completes a work item. Salesforce HVS's {@code completeWorkWhen: 'TaskSaved'} is LOG_SAVED. */
public enum CompletionTrigger {
    LOG_SAVED
}
