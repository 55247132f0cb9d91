package io.callbridge.adapter.salesforce.opencti;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The id check takes exactly what the documented pattern takes. */
class SalesforceIdTest {
    static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?");

    @Test
    void takesExactlyWhatThePatternTakes() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String id = "003000000000001" + c + "AA";
            assertThat(SalesforceIds.isValid(id)).as("U+%04X", (int) c).isEqualTo(SALESFORCE_ID.matcher(id).matches());
            String shortId = id.substring(0, 16);
            assertThat(SalesforceIds.isValid(shortId)).isEqualTo(SALESFORCE_ID.matcher(shortId).matches());
        }
        for (int length = 0; length < 21; length++) {
            String id = "a".repeat(length);
            assertThat(SalesforceIds.isValid(id)).as("length %d", length).isEqualTo(SALESFORCE_ID.matcher(id).matches());
        }
        char[] alphabet = "/09:@AZ[`az{é٣ ".toCharArray();
        Random random = new Random(3);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder id = new StringBuilder();
            for (int i = 13 + random.nextInt(7); i > 0; i--) {
                id.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(SalesforceIds.isValid(id.toString())).as(id.toString())
                    .isEqualTo(SALESFORCE_ID.matcher(id).matches());
        }
    }
}
