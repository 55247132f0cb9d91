package io.callbridge.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallRecordingTest {

    @Test
    void anHttpsLinkWithAMediaTypeAndADurationIsARecordingAndItsTextHidesTheLink() {
        CallRecording recording = new CallRecording(URI.create("https://media.pbx.example/r/1?sig=secret"),
                "Audio/WAV", Duration.ofSeconds(42));
        assertThat(recording.contentType()).isEqualTo("audio/wav");
        assertThat(recording.toString()).contains("media.pbx.example").doesNotContain("secret");
    }

    @Test
    void eachBadPartIsNamed() {
        assertThatThrownBy(() -> new CallRecording(URI.create("http://media.pbx.example/r/1"), "audio/wav",
                Duration.ZERO)).hasMessageContaining("url must be an absolute https URL");
        assertThatThrownBy(() -> new CallRecording(URI.create("https://media.pbx.example/r/1"), "wav",
                Duration.ZERO)).hasMessageContaining("contentType");
        assertThatThrownBy(() -> new CallRecording(URI.create("https://media.pbx.example/r/1"), "audio/wav",
                Duration.ofSeconds(-1))).hasMessageContaining("duration");
    }
}
