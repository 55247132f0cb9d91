package io.callbridge.transport.websocket;

/**
 * Answers the requests of an {@link HttpRoute}. Called on one of the server's HTTP threads, one request at a time per
 * call, concurrently for concurrent requests: it may block (e.g. call the vendor's user directory), but every request
 * it holds holds a thread of the server's pool, which the bridge WebSocket shares.
 *
 * <p>An endpoint that throws gets a 500 with no body; the exception is logged at WARN (its class and message only, so
 * keep secrets and personal data out of messages) and in full at DEBUG. Authentication and CORS are the endpoint's
 * business: the server adds nothing to its responses.
 */
@FunctionalInterface
public interface HttpEndpoint {

    HttpResponse handle(HttpRequest request) throws Exception;
}
