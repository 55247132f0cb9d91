/**
 * Generates the call-center definition XML a vendor imports in Salesforce Setup so that Lightning loads the
 * project's bridge page as the Open CTI softphone.
 */
@NullMarked
package io.callbridge.adapter.salesforce.callcenter;

import org.jspecify.annotations.NullMarked;
