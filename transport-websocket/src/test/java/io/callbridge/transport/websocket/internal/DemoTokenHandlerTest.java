package io.callbridge.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTokenHandlerTest {

    @Test
    void onlyLoopbackNamesAndAddressesWithAtMostAPortAreLoopbackHosts() {
        for (String host : new String[] {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:8080", "127.255.0.9",
            "[::1]", "[::1]:8080"}) {
            assertThat(DemoTokenHandler.isLoopbackHost(host)).as(host).isTrue();
        }
        for (String host : new String[] {null, "", "evil.example", "localhost.evil.example", "127.0.0.1.evil.example",
            "127.0.0.256", "128.0.0.1", "localhost:80:90", "localhost:http", "[::1]x", "[::2]", "0.0.0.0", "::1"}) {
            assertThat(DemoTokenHandler.isLoopbackHost(host)).as(String.valueOf(host)).isFalse();
        }
    }
}
