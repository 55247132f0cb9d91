package io.callbridge.core.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a call's recording can be fetched, as the phone system tells it (see {@link TelephonyProvider#recording}).
 * A CRM fetches {@link #url} itself, later and from its own servers, with no credentials of its own: the URL must
 * carry its own authorisation (a signed, expiring link, for example) and be valid for at least a few minutes. To let
 * users seek in the CRM's player the server behind it should honour {@code Range} requests (answering 206); HubSpot
 * transcribes only WAV, FLAC and MP4 audio with each speaker on their own channel (caller on the first).
 *
 * @param url an absolute {@code https} URL; never logged (it is a credential)
 * @param contentType the media type of the audio, e.g. {@code audio/wav}
 * @param duration how long the recording lasts; zero or more
 */
public record CallRecording(URI url, String contentType, Duration duration) {
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

    public CallRecording {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(duration, "duration");
        if (!url.isAbsolute() || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute https URL with a host");
        }
        contentType = contentType.strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException(
                    "contentType must be a media type such as audio/wav but was '" + contentType + "'");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative but was " + duration);
        }
    }

    @Override
    public String toString() {
        // The URL is a credential: only where it points.
        return "CallRecording[" + url.getHost() + ", " + contentType + ", " + duration + "]";
    }
}
