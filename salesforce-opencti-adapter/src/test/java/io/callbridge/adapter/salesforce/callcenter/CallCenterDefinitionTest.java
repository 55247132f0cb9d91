package io.callbridge.adapter.salesforce.callcenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class CallCenterDefinitionTest {

    static String golden(String name) {
        try (InputStream in = CallCenterDefinitionTest.class.getResourceAsStream("/golden/callcenter/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CallCenterDefinition.Builder minimal() {
        return CallCenterDefinition.builder()
                .internalName("acmeDialer")
                .displayName("Acme Dialer")
                .adapterUrl("https://softphone.acme.example/salesforce");
    }

    private static void rejects(ThrowingCallable build, String field) {
        assertThatThrownBy(build)
                .isInstanceOfSatisfying(InvalidCallCenterDefinitionException.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(field);
    }

    @Test
    void minimalDefinitionMatchesGolden() {
        assertThat(minimal().build().toXml()).isEqualTo(golden("minimal.xml"));
    }

    @Test
    void fullDefinitionMatchesGoldenWithEscaping() {
        CallCenterDefinition definition = CallCenterDefinition.builder()
                .internalName("acmeDialerEU")
                .displayName("Acme & Sons <EU> \"Dialer\" '25")
                .adapterUrl("https://softphone.acme.example:8443/salesforce?tenant=eu&theme=dark")
                .softphoneHeight(600)
                .softphoneWidth(400)
                .standby("https://standby.acme.example/salesforce", 5000)
                .outsidePrefix("9")
                .longDistancePrefix("0")
                .internationalPrefix("00")
                .vendorSection(new VendorSection("acmeBridge", "Acme Bridge", List.of(
                        new VendorItem("region", "Region", "eu-west"),
                        new VendorItem("wrapUpSeconds", "Wrap-up <seconds>", "30"))))
                .vendorSection(new VendorSection("acmeUi", "acmeUi", List.of(VendorItem.of("theme", "dark & compact"))))
                .build();

        String xml = definition.toXml();

        assertThat(xml).isEqualTo(golden("full.xml"));
        // And it is well-formed XML that reads back to the original values.
        Document doc = parse(xml);
        Element displayName = (Element) doc.getElementsByTagName("item").item(1);
        assertThat(displayName.getAttribute("name")).isEqualTo("reqDisplayName");
        assertThat(displayName.getTextContent()).isEqualTo("Acme & Sons <EU> \"Dialer\" '25");
    }

    @Test
    void lightningAndApiAreNotOptional() {
        String xml = minimal().build().toXml();
        assertThat(xml).contains("name=\"reqSalesforceCompatibilityMode\" label=\"Salesforce Compatibility Mode\">Lightning<")
                .contains("name=\"reqUseApi\" label=\"Use CTI API\">true<");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://softphone.acme.example/", "ftp://softphone.acme.example/", "softphone.acme.example",
            "https:///path-only", "https://user:pw@softphone.acme.example/", "https://softphone.acme.example/#x",
            "https://bad host/", " "})
    void adapterUrlMustBeAPlainHttpsUrl(String url) {
        rejects(() -> minimal().adapterUrl(url), "adapterUrl");
    }

    @Test
    void standbyUrlMustBeHttpsAndTimeoutSane() {
        rejects(() -> minimal().standby("http://standby.acme.example/", 5000), "standbyUrl");
        rejects(() -> minimal().standby("https://standby.acme.example/", 999), "timeoutMs");
        rejects(() -> minimal().standby("https://standby.acme.example/", 300_001), "timeoutMs");
    }

    @Test
    void namesAreRequired() {
        rejects(() -> CallCenterDefinition.builder().displayName("D").adapterUrl("https://a.example/").build(),
                "internalName");
        rejects(() -> CallCenterDefinition.builder().internalName("a").adapterUrl("https://a.example/").build(),
                "displayName");
        rejects(() -> CallCenterDefinition.builder().internalName("a").displayName("D").build(), "adapterUrl");
        rejects(() -> minimal().displayName(" "), "displayName");
        rejects(() -> minimal().displayName("two\nlines"), "displayName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1acme", "acme-dialer", "acme dialer", "abcdefghijabcdefghijabcdefghijabcdefghijX"})
    void internalNameIsAlphanumericStartingWithALetter(String name) {
        rejects(() -> minimal().internalName(name), "internalName");
    }

    @Test
    void softphoneSizesAreBounded() {
        rejects(() -> minimal().softphoneHeight(239), "softphoneHeight");
        rejects(() -> minimal().softphoneHeight(2561), "softphoneHeight");
        rejects(() -> minimal().softphoneWidth(199), "softphoneWidth");
        rejects(() -> minimal().softphoneWidth(1921), "softphoneWidth");
        CallCenterDefinition edges = minimal().softphoneHeight(240).softphoneWidth(1920).build();
        assertThat(edges.softphoneHeight()).isEqualTo(240);
        assertThat(edges.softphoneWidth()).isEqualTo(1920);
    }

    @Test
    void dialingPrefixesAreDialable() {
        rejects(() -> minimal().outsidePrefix("9-"), "outsidePrefix");
        rejects(() -> minimal().internationalPrefix("+"), "internationalPrefix");
        rejects(() -> minimal().longDistancePrefix("12345678901"), "longDistancePrefix");
        assertThat(minimal().outsidePrefix("*9#").build().outsidePrefix()).isEqualTo("*9#");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apiSecret", "adminPassword", "authToken", "licenseKey", "KEY", "sipCredential", "passwd"})
    void secretLookingItemNamesAreRefused(String name) {
        assertThatThrownBy(() -> VendorItem.of(name, "x"))
                .isInstanceOfSatisfying(InvalidCallCenterDefinitionException.class,
                        e -> assertThat(e.field()).isEqualTo(name))
                .hasMessageContaining("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reqExtra", "REQExtra", "label", "sortOrder", "internalNameLabel", "display-name", "",
            "abcdefghijabcdefghijabcdefghijabcdefghijX"})
    void reservedOrMalformedNamesAreRefused(String name) {
        assertThatThrownBy(() -> VendorItem.of(name, "x")).isInstanceOf(InvalidCallCenterDefinitionException.class);
        assertThatThrownBy(() -> new VendorSection(name, "L", List.of(VendorItem.of("region", "x"))))
                .isInstanceOf(InvalidCallCenterDefinitionException.class);
    }

    @Test
    void vendorSectionsNeedUniqueNamesAndItems() {
        rejects(() -> new VendorSection("acme", "Acme", List.of()), "acme");
        rejects(() -> new VendorSection("acme", "Acme", List.of(VendorItem.of("a", "1"), VendorItem.of("a", "2"))),
                "acme/a");
        VendorSection one = new VendorSection("acme", "Acme", List.of(VendorItem.of("a", "1")));
        VendorSection same = new VendorSection("ACME", "Acme", List.of(VendorItem.of("a", "1")));
        rejects(() -> minimal().vendorSection(one).vendorSection(same).build(), "ACME");
        rejects(() -> VendorItem.of("region", "bell\u0007"), "region");
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML", e);
        }
    }
}
