package com.example.acme;

import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentToken;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.HttpRequest;
import io.callbridge.transport.websocket.HttpResponse;
import io.callbridge.transport.websocket.InvalidAgentTokenException;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acme's side of the softphone template's sign-in, served from the bridge server itself through {@code HttpRoute}s
 * (see {@link AcmeModule}), so the pages need no second origin and no CORS:
 *
 * <ul>
 *   <li>{@value #SIGN_IN_PATH}: the page the template opens in a pop-up ({@code signInUrl}). GET shows a form, POST
 *       checks it ({@link #authenticate}) and redirects to {@value #SIGN_IN_PATH}{@code /done#token=…}, the last
 *       page, which hands the token back to the softphone with {@code CallbridgeSignIn.handBack} (the template's
 *       {@code signed-in.html}, with Acme's softphone origin as the only allowed one);
 *   <li>{@value #TOKEN_PATH}: the template's {@code tokenUrl}. GET {@code ?crm=…} answers {@code {"token": …}} for
 *       the agent of the session cookie, or 401; POST with {@code Authorization: Bearer <token>} (sent once after a
 *       hand-back, from inside the CRM's iframe) checks the token and sets that cookie, {@code SameSite=None; Secure;
 *       Partitioned}, so the next load of that CRM's softphone needs no pop-up.
 * </ul>
 *
 * <p>{@link #authenticate} is the one place for Acme's real identity provider (an OIDC redirect, SSO, a password
 * check against the user store); this example accepts any agent name with the configured
 * {@link AcmeConfig#agentPassword() shared password}. Sessions live in memory here; several nodes would keep them in
 * a shared store (or use a signed cookie).
 */
public final class AcmeSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeSignIn.class);
    public static final String SIGN_IN_PATH = "/acme/signin";
    public static final String TOKEN_PATH = "/acme/token";
    static final String COOKIE = "acme_session";
    static final Duration SESSION = Duration.ofHours(8);
    static final Duration TOKEN_TTL = Duration.ofMinutes(10);
    private static final Set<String> CRMS = Set.of("hubspot", "salesforce");
    private static final Pattern AGENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private record Session(AgentId agent, Instant expiresAt) { }

    private final AgentTokens tokens;
    private final AcmeConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Inject
    AcmeSignIn(AgentTokens tokens, AcmeConfig config) {
        this(tokens, config, Clock.systemUTC());
    }

    AcmeSignIn(AgentTokens tokens, AcmeConfig config, Clock clock) {
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Whether {@code agent} signed in with {@code password}: where Acme's identity provider goes. The example checks
     * the one shared password of its configuration, in constant time.
     */
    boolean authenticate(String agent, String password) {
        return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                config.agentPassword().getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------- the sign-in pop-up

    /** {@value #SIGN_IN_PATH} and below. */
    public HttpResponse signIn(HttpRequest request) {
        if (request.pathInRoute().equals("/done") && request.method().equals("GET")) {
            return page(200, "Signed in", "<p id=\"callbridge-handback\">Signing you in to the softphone…</p>"
                    + "<script src=\"/static/callbridge/signin.js\" data-callbridge-handback></script>",
                    config.publicOrigin());
        }
        if (!request.pathInRoute().isEmpty()) {
            return HttpResponse.empty(404);
        }
        if (request.method().equals("GET")) {
            return form(request.queryParameter("callbridgeOrigin"), request.queryParameter("callbridgeNonce"),
                    request.queryParameter("crm"), null);
        }
        if (!request.method().equals("POST")) {
            return HttpResponse.empty(405).withHeader("Allow", "GET, POST");
        }
        Map<String, String> form = formFields(request.bodyText());
        String origin = form.get("callbridgeOrigin");
        String nonce = form.get("callbridgeNonce");
        String crm = form.get("crm");
        String agent = form.getOrDefault("agent", "").trim();
        // Checked here too, not only in the hand-back: a token is made only for Acme's own softphone origin.
        if (!config.publicOrigin().equals(origin) || nonce == null || !NONCE.matcher(nonce).matches() || crm == null
                || !CRMS.contains(crm)) {
            return page(400, "Sign-in", "<p>This sign-in was not opened by the Acme softphone.</p>", null);
        }
        if (!AGENT.matcher(agent).matches() || !authenticate(agent, form.getOrDefault("password", ""))) {
            return form(origin, nonce, crm, "Unknown agent or wrong password.");
        }
        String token = tokens.issue(AgentId.of(AcmeServer.TENANT, agent), crm, TOKEN_TTL);
        LOG.debug("signed in an agent for {}", crm);
        // The token goes in the fragment: the browser keeps it, no server or proxy log sees it.
        return HttpResponse.empty(303).withHeader("Location", SIGN_IN_PATH + "/done?callbridgeOrigin="
                + encode(origin) + "&callbridgeNonce=" + encode(nonce) + "#token=" + encode(token))
                .withHeader("Cache-Control", "no-store");
    }

    private HttpResponse form(@Nullable String origin, @Nullable String nonce, @Nullable String crm,
            @Nullable String error) {
        String body = "<h1>Sign in to Acme</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"" + SIGN_IN_PATH + "\">"
                + hidden("callbridgeOrigin", origin) + hidden("callbridgeNonce", nonce) + hidden("crm", crm)
                + "<label>Agent <input name=\"agent\" autocomplete=\"username\" required></label> "
                + "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" "
                + "required></label> <button type=\"submit\">Sign in</button></form>";
        return page(error == null ? 200 : 401, "Sign in to Acme", body, null);
    }

    private static String hidden(String name, @Nullable String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value == null ? "" : value) + "\">";
    }

    private static HttpResponse page(int status, String title, String body, @Nullable String allowedOrigins) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + escape(title) + "</title></head><body"
                + (allowedOrigins == null ? "" : " data-allowed-origins=\"" + escape(allowedOrigins) + "\"") + ">"
                + body + "</body></html>";
        // A sign-in page must never be framed (clickjacking); the softphone opens it as a pop-up instead.
        return HttpResponse.of(status, "text/html", html)
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Content-Security-Policy", "frame-ancestors 'none'")
                .withHeader("Cache-Control", "no-store");
    }

    // ------------------------------------------------------------------------------------------- the token endpoint

    /** {@value #TOKEN_PATH}. */
    public HttpResponse token(HttpRequest request) {
        String crm = request.queryParameter("crm");
        if (!request.pathInRoute().isEmpty()) {
            return HttpResponse.empty(404);
        }
        if (crm == null || !CRMS.contains(crm)) {
            return noStore(HttpResponse.json(400, "{\"error\":\"crm must be hubspot or salesforce\"}"));
        }
        if (request.method().equals("GET")) {
            Session session = session(request);
            if (session == null) {
                return noStore(HttpResponse.json(401, "{\"error\":\"not signed in\"}"));
            }
            return noStore(HttpResponse.json(200, "{\"token\":\"" + tokens.issue(session.agent(), crm, TOKEN_TTL)
                    + "\"}"));
        }
        if (request.method().equals("POST")) {
            String authorization = request.header("authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return noStore(HttpResponse.json(401, "{\"error\":\"no Bearer token\"}"));
            }
            AgentToken token;
            try {
                token = tokens.verify(authorization.substring("Bearer ".length()).trim());
            } catch (InvalidAgentTokenException e) {
                return noStore(HttpResponse.json(401, "{\"error\":\"invalid token\"}"));
            }
            if (!token.crm().equals(crm) || !token.agent().tenant().equals(AcmeServer.TENANT)) {
                return noStore(HttpResponse.json(403, "{\"error\":\"token of another CRM or tenant\"}"));
            }
            String id = newSessionId();
            sessions.put(id, new Session(token.agent(), clock.instant().plus(SESSION)));
            // Third-party inside the CRM's iframe: SameSite=None (with Secure, which None needs), and Partitioned so
            // browsers that drop unpartitioned third-party cookies keep it, per CRM site.
            return noStore(HttpResponse.empty(204)).withHeader("Set-Cookie", COOKIE + "=" + id + "; Path="
                    + TOKEN_PATH + "; Max-Age=" + SESSION.toSeconds()
                    + "; HttpOnly; Secure; SameSite=None; Partitioned");
        }
        return HttpResponse.empty(405).withHeader("Allow", "GET, POST");
    }

    private @Nullable Session session(HttpRequest request) {
        String cookies = request.header("cookie");
        if (cookies == null) {
            return null;
        }
        for (String part : cookies.split(";")) {
            String cookie = part.trim();
            if (cookie.startsWith(COOKIE + "=")) {
                String id = cookie.substring(COOKIE.length() + 1);
                Session session = sessions.get(id);
                if (session != null && session.expiresAt().isAfter(clock.instant())) {
                    return session;
                }
                if (session != null) {
                    sessions.remove(id, session);
                }
            }
        }
        return null;
    }

    private String newSessionId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpResponse noStore(HttpResponse response) {
        return response.withHeader("Cache-Control", "no-store");
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
