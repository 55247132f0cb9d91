/**
 * A simulated Salesforce REST API for tests of server-side call logging: the OAuth 2.0 JWT bearer token endpoint,
 * Task creation (one sObject and the composite API), the one SOQL query shape a call log needs, Salesforce's error
 * bodies and its daily API budget. Built from Salesforce's public API references; as strict as the real API where a
 * client could get it wrong (unknown fields, restricted picklists, required fields, expired sessions).
 */
@NullMarked
package io.callbridge.crmsim.rest.salesforce;

import org.jspecify.annotations.NullMarked;
