package io.callbridge.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JfrHotMethodsTest {
    @Test
    void classesFallIntoTheServersLayers() {
        assertThat(JfrHotMethods.layer("io.callbridge.core.internal.DefaultCallEngine")).isEqualTo("callbridge core");
        assertThat(JfrHotMethods.layer("io.callbridge.adapter.hubspot.internal.CallLane")).isEqualTo("HubSpot adapter");
        assertThat(JfrHotMethods.layer("org.eclipse.jetty.io.SelectorManager")).isEqualTo("Jetty");
        assertThat(JfrHotMethods.layer("tools.jackson.core.json.WriterBasedJsonGenerator")).isEqualTo("Jackson");
        assertThat(JfrHotMethods.layer("java.util.HashMap")).isEqualTo("JDK");
        assertThat(JfrHotMethods.layer("com.example.Other")).isEqualTo("other");
    }

    @Test
    void threadsGroupWithoutTheirNumbers() {
        assertThat(JfrHotMethods.threadGroup("callbridge-http-12")).isEqualTo("callbridge-http");
        assertThat(JfrHotMethods.threadGroup("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(JfrHotMethods.threadGroup("C2 CompilerThread0")).isEqualTo("C2 CompilerThread");
        assertThat(JfrHotMethods.threadGroup("phone-system")).isEqualTo("phone-system");
        assertThat(JfrHotMethods.threadGroup(null)).isEqualTo("?");
    }
}
