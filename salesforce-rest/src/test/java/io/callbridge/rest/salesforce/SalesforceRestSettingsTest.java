package io.callbridge.rest.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.testkit.SettingsWithers;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceRestSettingsTest {
    private static String pem;
    private static String otherPem;

    @BeforeAll
    static void keys() throws Exception {
        pem = pem();
        otherPem = pem();
    }

    private static String pem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair()
                .getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static SalesforceRestSettings base() {
        return SalesforceRestSettings.of(URI.create("https://login.salesforce.com/"), "3MVG.key",
                "integration@acme.example", pem);
    }

    @Test
    void defaults() {
        SalesforceRestSettings s = base();
        assertThat(s.loginUrl()).isEqualTo(URI.create("https://login.salesforce.com"));
        assertThat(s.instanceUrl()).isNull();
        assertThat(s.apiVersion()).isEqualTo(62);
        assertThat(s.deadlineAfterWrapUp()).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.hvsManualCompletion()).isFalse();
        assertThat(s.limitPause()).isEqualTo(Duration.ofHours(1));
        assertThat(s.apiReservePercent()).isEqualTo(5);
    }

    @Test
    void everyWitherChangesItsComponentAndRefusesWhatTheConstructorRefuses() throws Exception {
        SettingsWithers.check(base(), Map.ofEntries(
                Map.entry("loginUrl", URI.create("https://test.salesforce.com")),
                Map.entry("instanceUrl", URI.create("https://acme.my.salesforce.com")),
                Map.entry("apiVersion", 60),
                Map.entry("consumerKey", "3MVG.other"),
                Map.entry("username", "other@acme.example"),
                Map.entry("privateKeyPem", otherPem),
                Map.entry("deadlineAfterWrapUp", Duration.ofMinutes(10)),
                Map.entry("requestTimeout", Duration.ofSeconds(30)),
                Map.entry("hvsManualCompletion", true),
                Map.entry("limitPause", Duration.ofMinutes(15)),
                Map.entry("apiReservePercent", 0)), Map.of(), Map.ofEntries(
                Map.entry("loginUrl", URI.create("ftp://login.salesforce.com")),
                Map.entry("instanceUrl", URI.create("https://acme.my.salesforce.com/services")),
                Map.entry("apiVersion", 51),
                Map.entry("consumerKey", "has space"),
                Map.entry("username", "no-at-sign"),
                Map.entry("privateKeyPem", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"),
                Map.entry("deadlineAfterWrapUp", Duration.ZERO),
                Map.entry("requestTimeout", Duration.ofSeconds(-1)),
                Map.entry("limitPause", Duration.ofDays(2)),
                Map.entry("apiReservePercent", 51)));
    }

    @Test
    void validationNamesTheField() {
        assertThatThrownBy(() -> base().withLoginUrl(URI.create("login.salesforce.com")))
                .hasMessageContaining("loginUrl");
        assertThatThrownBy(() -> base().withApiVersion(40)).hasMessageContaining("apiVersion");
        assertThatThrownBy(() -> base().withConsumerKey("")).hasMessageContaining("consumerKey");
        assertThatThrownBy(() -> base().withUsername("x")).hasMessageContaining("username");
        assertThatThrownBy(() -> base().withPrivateKeyPem("secret-material")).hasMessageContaining("privateKeyPem")
                .message().doesNotContain("secret-material");
        assertThatThrownBy(() -> base().withDeadlineAfterWrapUp(Duration.ofDays(2)))
                .hasMessageContaining("deadlineAfterWrapUp");
        assertThatThrownBy(() -> base().withRequestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> base().withLimitPause(Duration.ZERO)).hasMessageContaining("limitPause");
        assertThatThrownBy(() -> base().withApiReservePercent(-1)).hasMessageContaining("apiReservePercent");
        assertThatThrownBy(() -> base().withInstanceUrl(URI.create("https://u:p@acme.my.salesforce.com")))
                .hasMessageContaining("instanceUrl");
    }

    @Test
    void theKeyStaysOutOfToString() {
        String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(base().toString()).doesNotContain(body).contains("privateKeyPem=(hidden)", "3MVG.key",
                "integration@acme.example");
        assertThat(Set.of(SalesforceRestSettings.class.getRecordComponents()).size()).isEqualTo(11);
    }
}
