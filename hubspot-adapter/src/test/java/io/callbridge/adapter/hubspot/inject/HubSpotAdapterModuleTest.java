package io.callbridge.adapter.hubspot.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.testkit.inject.TestCallbridge;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubSpotAdapterModuleTest {

    @Test
    void contributesHubSpotToTheTransportsCrmsWithDefaultSettings() {
        TestCallbridge app = TestCallbridge.start(new HubSpotAdapterModule());

        Map<String, CrmBridge> crms = app.injector().getInstance(Key.get(new TypeLiteral<Map<String, CrmBridge>>() { }));
        assertThat(crms).containsOnlyKeys("hubspot");
        assertThat(crms.get("hubspot").crm()).isEqualTo("hubspot");
        assertThat(crms.get("hubspot").frameRoles()).containsExactlyInAnyOrder("widget", "remote", "window");
        assertThat(app.injector().getInstance(HubSpotSettings.class)).isEqualTo(HubSpotSettings.DEFAULTS);
        Set<Service> services = app.injector().getInstance(Key.get(new TypeLiteral<Set<Service>>() { }));
        services.forEach(Service::stop);
    }

    @Test
    void settingsAreReplaceable() {
        HubSpotSettings mine = HubSpotSettings.DEFAULTS.withEngagementIdTimeout(Duration.ofSeconds(5))
                .withCreateEngagement(false);
        TestCallbridge app = TestCallbridge.start(new HubSpotAdapterModule(), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(mine);
            }
        });

        assertThat(app.injector().getInstance(HubSpotSettings.class)).isEqualTo(mine);
    }
}
