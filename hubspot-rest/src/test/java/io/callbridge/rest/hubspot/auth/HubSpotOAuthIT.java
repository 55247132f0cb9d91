package io.callbridge.rest.hubspot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import io.callbridge.rest.hubspot.auth.inject.HubSpotAuthModules;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.crmsim.rest.hubspot.HubSpotOAuthSimulator;
import io.callbridge.crmsim.rest.hubspot.HubSpotPortalTokens;
import io.callbridge.crmsim.rest.hubspot.HubSpotRecordingSimulator;
import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.HubSpotAuthException;
import io.callbridge.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Install, callback and refresh against the simulated HubSpot, through real HTTP and the real bridge server. */
class HubSpotOAuthIT {
    static final long PORTAL = 777L;
    static final String CLIENT_ID = "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab";
    static final String CLIENT_SECRET = "client-secret-never-logged-7d1c";

    final MutableClock clock = MutableClock.atDefaultStart();
    final HubSpotPortalTokens portalTokens = new HubSpotPortalTokens(clock);
    final HubSpotOAuthSimulator hubspot = new HubSpotOAuthSimulator(portalTokens, clock, 42L, CLIENT_ID,
            CLIENT_SECRET);
    final HubSpotRecordingSimulator recordingsAtHubSpot = new HubSpotRecordingSimulator(portalTokens, clock);
    final MemoryCrmStateStore store = new MemoryCrmStateStore(clock);
    SimulatedHubSpot simulated;
    RunningCallbridge callbridge;
    HubSpotOAuthSettings settings;

    @BeforeEach
    void start() throws Exception {
        simulated = new SimulatedHubSpot(hubspot, recordingsAtHubSpot);
        // The redirect URI names the bridge server's port, which is known only once it runs: reserve one first.
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI redirect = URI.create("http://127.0.0.1:" + port + "/hubspot/oauth/callback");
        hubspot.allowRedirectUri(redirect.toString()).consentAs(PORTAL);
        settings = HubSpotOAuthSettings.of(CLIENT_ID, CLIENT_SECRET, redirect,
                        List.of("crm.objects.contacts.read", "crm.objects.contacts.write"))
                .withHubSpot(URI.create(simulated.uri() + "/oauth/authorize"), simulated.uri());
        callbridge = new RunningCallbridge(port, HubSpotAuthModules.oauth(settings), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), CrmStateStore.class).setBinding().toInstance(store);
                OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (callbridge != null) {
            callbridge.close();
        }
        simulated.close();
    }

    HubSpotAccessTokens tokens() {
        return callbridge.running.instance(HubSpotAccessTokens.class);
    }

    /** The admin's browser: the install link, HubSpot's consent page, back to the callback. */
    HttpResponse<String> install() throws Exception {
        HttpResponse<String> toHubSpot = RunningCallbridge.get(callbridge.uri("/hubspot/oauth/install"));
        assertThat(toHubSpot.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toHubSpot.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> back = RunningCallbridge.get(authorize);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        return RunningCallbridge.get(URI.create(back.headers().firstValue("Location").orElseThrow()));
    }

    URI callbackFromHubSpot() throws Exception {
        HttpResponse<String> toHubSpot = RunningCallbridge.get(callbridge.uri("/hubspot/oauth/install"));
        HttpResponse<String> back = RunningCallbridge.get(
                URI.create(toHubSpot.headers().firstValue("Location").orElseThrow()));
        return URI.create(back.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void installThenCallbackStoresThePortalsTokensAndTheTokenWorksAtHubSpot() throws Exception {
        HttpResponse<String> toHubSpot = RunningCallbridge.get(callbridge.uri("/hubspot/oauth/install"));
        String location = toHubSpot.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(simulated.uri() + "/oauth/authorize?client_id=" + CLIENT_ID)
                .contains("&scope=crm.objects.contacts.read%20crm.objects.contacts.write")
                .contains("&redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("&state=");

        HttpResponse<String> page = install();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("portal " + PORTAL);
        assertThat(store.get(HubSpotOAuth.NAMESPACE, "777")).isPresent();
        String token = tokens().accessToken(PORTAL);
        assertThat(portalTokens.check(token)).isEqualTo(new HubSpotPortalTokens.Check.Valid(PORTAL));
        assertThat(hubspot.codeExchanges()).isEqualTo(1);
        assertThat(hubspot.refreshes()).isZero();
        assertThat(callbridge.running.instance(HubSpotOAuth.class).installed(PORTAL)).isTrue();
    }

    @Test
    void aTamperedExpiredOrReusedStateIs400AndNothingIsStored() throws Exception {
        URI callback = callbackFromHubSpot();
        String tampered = callback.toString().replaceFirst("state=([A-Za-z0-9_-])", "state=Z$1");
        HttpResponse<String> forged = RunningCallbridge.get(URI.create(tampered));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("state");

        clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> late = RunningCallbridge.get(callback);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("expired");
        assertThat(store.get(HubSpotOAuth.NAMESPACE, "777")).isEmpty();
        assertThat(hubspot.codeExchanges()).isZero();

        URI fresh = callbackFromHubSpot();
        assertThat(RunningCallbridge.get(fresh).statusCode()).isEqualTo(200);
        HttpResponse<String> again = RunningCallbridge.get(fresh);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already used");
        assertThat(hubspot.codeExchanges()).isEqualTo(1);

        String noState = fresh.toString().replaceFirst("&state=.*", "");
        assertThat(RunningCallbridge.get(URI.create(noState)).statusCode()).isEqualTo(400);
        String denied = callbridge.uri("/hubspot/oauth/callback?error=access_denied").toString();
        assertThat(RunningCallbridge.get(URI.create(denied)).body()).contains("access_denied");
    }

    @Test
    void aTokenIsRefreshedOnceWhenItsStoredExpiryIsLessThanAMinuteAway() throws Exception {
        install();
        String first = tokens().accessToken(PORTAL);
        clock.advance(Duration.ofMinutes(28));
        assertThat(tokens().accessToken(PORTAL)).isEqualTo(first);
        assertThat(hubspot.refreshes()).isZero();

        clock.advance(Duration.ofSeconds(90)); // 29.5 minutes in
        String second = tokens().accessToken(PORTAL);
        assertThat(second).isNotEqualTo(first);
        assertThat(tokens().accessToken(PORTAL)).isEqualTo(second);
        assertThat(hubspot.refreshes()).isEqualTo(1);
        assertThat(portalTokens.check(second)).isEqualTo(new HubSpotPortalTokens.Check.Valid(PORTAL));
    }

    @Test
    void twentyThreadsAskingAtOnceForAnExpiredTokenMakeOneRefreshAndAllGetTheNewToken() throws Exception {
        install();
        String old = tokens().accessToken(PORTAL);
        clock.advance(Duration.ofMinutes(31));
        Set<String> seen = askAtOnce(20, List.of(tokens()));
        assertThat(hubspot.refreshes()).isEqualTo(1);
        assertThat(seen).hasSize(1).doesNotContain(old);
    }

    @Test
    void twoNodesOverOneStoreMakeOneRefresh() throws Exception {
        install();
        clock.advance(Duration.ofMinutes(31));
        HubSpotOAuth otherNode = new HubSpotOAuth(settings, store, clock);
        Set<String> seen = askAtOnce(16, List.of(tokens(), otherNode));
        assertThat(hubspot.refreshes()).isEqualTo(1);
        assertThat(seen).hasSize(1);
        assertThat(otherNode.accessToken(PORTAL)).isEqualTo(tokens().accessToken(PORTAL));
    }

    private static Set<String> askAtOnce(int threads, List<HubSpotAccessTokens> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                HubSpotAccessTokens node = nodes.get(i % nodes.size());
                Callable<String> ask = () -> {
                    together.await(20, TimeUnit.SECONDS);
                    return node.accessToken(PORTAL);
                };
                answers.add(pool.submit(ask));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> answer : answers) {
                seen.add(answer.get(30, TimeUnit.SECONDS));
            }
            return seen;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedRefreshNamesThePortalAndIsNotAskedAgainUntilTheAppIsInstalledAgain() throws Exception {
        install();
        hubspot.uninstall(PORTAL);
        clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> tokens().accessToken(PORTAL)).isInstanceOf(HubSpotAuthException.class)
                .hasMessageContaining("portal 777").hasMessageContaining("BAD_REFRESH_TOKEN")
                .hasMessageContaining("uninstalled")
                .satisfies(e -> assertThat(((HubSpotAuthException) e).portalId()).isEqualTo(PORTAL));
        assertThatThrownBy(() -> new HubSpotOAuth(settings, store, clock).accessToken(PORTAL))
                .hasMessageContaining("uninstalled");
        assertThat(hubspot.refreshes()).isEqualTo(1);

        assertThat(install().statusCode()).isEqualTo(200);
        assertThat(portalTokens.check(tokens().accessToken(PORTAL)))
                .isEqualTo(new HubSpotPortalTokens.Check.Valid(PORTAL));
    }

    @Test
    void aTokenHubSpotRefusedIsRefreshedOnTheNextAskUnlessAlreadyReplaced() throws Exception {
        install();
        String first = tokens().accessToken(PORTAL);
        tokens().refused(PORTAL, first);
        String second = tokens().accessToken(PORTAL);
        assertThat(second).isNotEqualTo(first);
        assertThat(hubspot.refreshes()).isEqualTo(1);

        tokens().refused(PORTAL, first); // a late 401 for the old token
        assertThat(tokens().accessToken(PORTAL)).isEqualTo(second);
        assertThat(hubspot.refreshes()).isEqualTo(1);
    }

    @Test
    void aPortalThatNeverInstalledTheAppIsNamed() {
        assertThatThrownBy(() -> tokens().accessToken(999L)).isInstanceOf(HubSpotAuthException.class)
                .hasMessageContaining("portal 999 has not installed the app");
    }

    @Test
    void withoutHubIdInTheTokenAnswerThePortalComesFromTheIntrospectionEndpoint() throws Exception {
        hubspot.omitHubId(true);
        assertThat(install().statusCode()).isEqualTo(200);
        assertThat(hubspot.introspections()).isEqualTo(1);
        assertThat(portalTokens.check(tokens().accessToken(PORTAL)))
                .isEqualTo(new HubSpotPortalTokens.Check.Valid(PORTAL));
    }

    @Test
    void noTokenNorTheClientSecretIsEverLoggedOrInAMessage() throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        Set<String> secrets = new HashSet<>(List.of(CLIENT_SECRET));
        String message;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            install();
            secrets.add(tokens().accessToken(PORTAL));
            secrets.add(StoredTokens.fromJson(store.get(HubSpotOAuth.NAMESPACE, "777").orElseThrow().value())
                    .refreshToken());
            clock.advance(Duration.ofMinutes(31));
            secrets.add(tokens().accessToken(PORTAL));
            hubspot.uninstall(PORTAL);
            clock.advance(Duration.ofMinutes(31));
            try {
                tokens().accessToken(PORTAL);
                throw new AssertionError("expected a refusal");
            } catch (HubSpotAuthException e) {
                message = e.getMessage();
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("portal 777 installed the app").contains("BAD_REFRESH_TOKEN");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
            assertThat(message).doesNotContain(secret);
            assertThat(settings.toString()).doesNotContain(secret);
            assertThat(tokens().toString()).doesNotContain(secret);
        }
    }

    @Test
    void recordingReadyWithATokenHubSpotNoLongerTakesRefreshesAndSucceeds() throws Exception {
        install();
        String first = tokens().accessToken(PORTAL);
        portalTokens.revoke(first); // HubSpot answers 401 to it from now on
        io.callbridge.rest.hubspot.recording.HubSpotRecordings recordings =
                new io.callbridge.rest.hubspot.recording.HubSpotRecordings(
                        io.callbridge.rest.hubspot.recording.HubSpotRecordingSettings.of(42L, CLIENT_SECRET,
                                "https://calls.acme.example/hubspot/recordings/%s").withApiBaseUrl(simulated.uri()),
                        callbridge.phone(), tokens(), clock);
        recordings.markReady(PORTAL, 17591596434L);
        assertThat(recordingsAtHubSpot.ready()).containsExactly(
                new HubSpotRecordingSimulator.Ready(PORTAL, 17591596434L));
        assertThat(recordingsAtHubSpot.requests()).isEqualTo(2);
        assertThat(hubspot.refreshes()).isEqualTo(1);
        assertThat(tokens().accessToken(PORTAL)).isNotEqualTo(first);
    }

    @Test
    void whileHubSpotIsDownATokenNotYetExpiredIsStillHandedOutAndAnExpiredOneIsARefusalNamingThePortal()
            throws Exception {
        install();
        String first = tokens().accessToken(PORTAL);
        clock.advance(Duration.ofSeconds(29 * 60 + 30));
        simulated.close();
        assertThat(tokens().accessToken(PORTAL)).isEqualTo(first);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> tokens().accessToken(PORTAL)).isInstanceOf(HubSpotAuthException.class)
                .hasMessageContaining("portal 777").hasMessageContaining("could not be reached");
        // The claim was given back: another node is not kept waiting.
        assertThat(StoredTokens.fromJson(store.get(HubSpotOAuth.NAMESPACE, "777").orElseThrow().value())
                .refreshingUntil()).isNull();
    }
}
