/**
 * Call recordings in HubSpot: the endpoint HubSpot asks for a call's recording link (its
 * {@code urlToRetrieveAuthedRecording}, requests signed with the app's secret), answered from
 * {@link io.callbridge.core.spi.TelephonyProvider#recording}, and the "recording ready" notice that asks HubSpot to
 * fetch and transcribe it ({@link io.callbridge.rest.hubspot.recording.HubSpotRecordings#markReady}).
 */
@NullMarked
package io.callbridge.rest.hubspot.recording;

import org.jspecify.annotations.NullMarked;
