package com.acme.phone;

// tag::config[]
import io.callbridge.transport.websocket.PageConfig;
import io.callbridge.transport.websocket.TransportSettings;
// end::config[]

final class AcmePages {
    private AcmePages() {
    }

    static TransportSettings withSignIn() {
        // tag::config[]
        // What the softphone pages read from /static/callbridge-config.json.
        TransportSettings settings = TransportSettings.DEFAULTS.withPageConfig(PageConfig.NONE
                .withSignInUrl("https://login.acme.example/softphone-signin") // opened in a pop-up
                .withTokenUrl("/acme/token"));                                 // your token endpoint, with cookies
        // end::config[]
        return settings;
    }
}
