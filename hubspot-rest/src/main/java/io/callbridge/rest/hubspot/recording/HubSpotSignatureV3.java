package io.callbridge.rest.hubspot.recording;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's v3 request signature ({@code X-HubSpot-Signature-v3}): Base64 of HMAC-SHA256, keyed with the app's client
 * secret, over method + URI + body + timestamp ({@code X-HubSpot-Request-Timestamp}, epoch milliseconds), where the
 * URI is the full URL HubSpot called with a few percent-escapes decoded, as HubSpot documents.
 */
final class HubSpotSignatureV3 {
    static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
    static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";

    private static final Map<String, String> DECODED = Map.ofEntries(Map.entry("%3A", ":"), Map.entry("%2F", "/"),
            Map.entry("%3F", "?"), Map.entry("%40", "@"), Map.entry("%21", "!"), Map.entry("%24", "$"),
            Map.entry("%27", "'"), Map.entry("%28", "("), Map.entry("%29", ")"), Map.entry("%2A", "*"),
            Map.entry("%2C", ","), Map.entry("%3B", ";"));

    private HubSpotSignatureV3() {
    }

    static String sign(String clientSecret, String method, String uri, String body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((method + decoded(uri) + body + timestamp).getBytes(UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    static boolean matches(String clientSecret, String method, String uri, String body, String timestamp,
            String signature) {
        byte[] expected = sign(clientSecret, method, uri, body, timestamp).getBytes(UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(UTF_8));
    }

    /** The URI with the escapes HubSpot decodes before signing decoded (upper or lower case hex). */
    static String decoded(String uri) {
        StringBuilder out = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' && i + 2 < uri.length()) {
                String escape = uri.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT);
                String plain = DECODED.get(escape);
                if (plain != null) {
                    out.append(plain);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
