package io.callbridge.crmsim.junit;

import org.openqa.selenium.WebDriver;

/**
 * Your sign-in page, as an agent completes it in the production softphone template's pop-up. With
 * {@link CrmSimulators#signInThroughPopup(SignInPopup)} the extension clicks the template's "Sign in to …" button in
 * the softphone frame, switches the browser to the pop-up that opens, and calls this; your code fills in and submits
 * your sign-in form for {@code agent}. The extension then waits until your last page hands the token back (the template's
 * {@code signed-in.html} or {@code CallbridgeSignIn.handBack}) and the pop-up closes.
 */
@FunctionalInterface
public interface SignInPopup {
    /**
     * @param popup the browser, switched to the sign-in pop-up (your {@code signInUrl} with {@code callbridgeOrigin},
     *     {@code callbridgeNonce} and {@code crm} in its query)
     * @param agent the agent the test opened the CRM for
     * @param crm {@code hubspot} or {@code salesforce}
     */
    void signIn(WebDriver popup, String agent, String crm);
}
