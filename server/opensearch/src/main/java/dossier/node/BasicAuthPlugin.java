package dossier.node;

import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.client.node.NodeClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * HTTP basic auth and API keys for the test node, in the spirit of the security plugin's answer to bad
 * credentials: when DOSSIER_NODE_USER and DOSSIER_NODE_PASSWORD are both set, a REST request may carry
 * {@code Authorization: Basic base64(user:password)}; when DOSSIER_NODE_API_KEY is set, it may carry
 * {@code Authorization: ApiKey KEY}. With either set, every request without an accepted header gets 401
 * with {@code WWW-Authenticate}. When none is set, the wrapper lets everything through.
 */
public class BasicAuthPlugin extends Plugin implements ActionPlugin {

    private static final String USER = System.getenv("DOSSIER_NODE_USER");
    private static final String PASSWORD = System.getenv("DOSSIER_NODE_PASSWORD");
    private static final String API_KEY = System.getenv("DOSSIER_NODE_API_KEY");

    static boolean basicEnabled() {
        return USER != null && !USER.isEmpty() && PASSWORD != null;
    }

    static boolean apiKeyEnabled() {
        return API_KEY != null && !API_KEY.isEmpty();
    }

    static boolean enabled() {
        return basicEnabled() || apiKeyEnabled();
    }

    /** What the start-up line says about authentication. */
    static String describe() {
        if (basicEnabled() && apiKeyEnabled()) {
            return ", basic auth or API key required";
        }
        return basicEnabled() ? ", basic auth required" : apiKeyEnabled() ? ", API key required" : "";
    }

    @Override
    public UnaryOperator<RestHandler> getRestHandlerWrapper(ThreadContext threadContext) {
        if (!enabled()) {
            return null;
        }
        List<byte[]> accepted = new ArrayList<>();
        if (basicEnabled()) {
            accepted.add(("Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8));
        }
        if (apiKeyEnabled()) {
            accepted.add(("ApiKey " + API_KEY).getBytes(StandardCharsets.UTF_8));
        }
        String challenge = basicEnabled() ? "Basic realm=\"OpenSearch Security\"" : "ApiKey";
        return handler -> new RestHandler.Wrapper(handler) {
            @Override
            public void handleRequest(RestRequest request, RestChannel channel, NodeClient client) throws Exception {
                String given = request.header("Authorization");
                if (given != null) {
                    byte[] givenBytes = given.trim().getBytes(StandardCharsets.UTF_8);
                    for (byte[] expected : accepted) {
                        if (MessageDigest.isEqual(expected, givenBytes)) {
                            super.handleRequest(request, channel, client);
                            return;
                        }
                    }
                }
                String why = given == null ? "missing authentication credentials" : "wrong credentials";
                BytesRestResponse response = new BytesRestResponse(
                    RestStatus.UNAUTHORIZED,
                    "application/json; charset=UTF-8",
                    "{\"error\":{\"type\":\"security_exception\",\"reason\":\"" + why + " for REST request [" + request.path().replace("\\", "\\\\").replace("\"", "\\\"")
                        + "]\"},\"status\":401}"
                );
                response.addHeader("WWW-Authenticate", challenge);
                channel.sendResponse(response);
            }
        };
    }
}
