package io.callbridge.rest.hubspot.recording;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Known answers computed outside Java (Python's hmac), so the implementation does not grade itself. */
class HubSpotSignatureV3Test {
    static final String SECRET = "app-secret-123";
    static final String TIMESTAMP = "1764640000000";

    @Test
    void signsMethodUriBodyAndTimestamp() {
        assertThat(HubSpotSignatureV3.sign(SECRET, "GET",
                "https://calls.acme.example/hubspot/recordings/call-42?appId=42&externalAccountId=777", "", TIMESTAMP))
                .isEqualTo("A78b9JIGQhTmnz+09doMzIzBvXXaFSREWIla6+ufdY8=");
    }

    @Test
    void decodesTheEscapesHubSpotDecodesBeforeSigning() {
        String encoded = "https://calls.acme.example/hubspot/recordings/in%3A1%40pbx?appId=42&externalAccountId=777";
        assertThat(HubSpotSignatureV3.decoded(encoded))
                .isEqualTo("https://calls.acme.example/hubspot/recordings/in:1@pbx?appId=42&externalAccountId=777");
        assertThat(HubSpotSignatureV3.sign(SECRET, "GET", encoded, "", TIMESTAMP))
                .isEqualTo("Zkjit2gFoQhCgfExTnpeWnH/8wpp3j9zXWBTYRkpsPk=");
        assertThat(HubSpotSignatureV3.decoded("a%3d%26b%3a")).isEqualTo("a%3d%26b:");
    }

    @Test
    void matchesOnlyTheExactSignature() {
        String uri = "https://calls.acme.example/hubspot/recordings/call-42?appId=42&externalAccountId=777";
        assertThat(HubSpotSignatureV3.matches(SECRET, "GET", uri, "", TIMESTAMP,
                "A78b9JIGQhTmnz+09doMzIzBvXXaFSREWIla6+ufdY8=")).isTrue();
        assertThat(HubSpotSignatureV3.matches("other", "GET", uri, "", TIMESTAMP,
                "A78b9JIGQhTmnz+09doMzIzBvXXaFSREWIla6+ufdY8=")).isFalse();
        assertThat(HubSpotSignatureV3.matches(SECRET, "GET", uri, "", "1764640000001",
                "A78b9JIGQhTmnz+09doMzIzBvXXaFSREWIla6+ufdY8=")).isFalse();
    }
}
