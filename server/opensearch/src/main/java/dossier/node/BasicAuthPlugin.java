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
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * HTTP basic auth for the test node, in the spirit of the security plugin's answer to bad credentials:
 * when DOSSIER_NODE_USER and DOSSIER_NODE_PASSWORD are both set, every REST request without
 * {@code Authorization: Basic base64(user:password)} gets 401 with {@code WWW-Authenticate}.
 * When they are not set, the wrapper lets everything through.
 */
public class BasicAuthPlugin extends Plugin implements ActionPlugin {

    private static final String USER = System.getenv("DOSSIER_NODE_USER");
    private static final String PASSWORD = System.getenv("DOSSIER_NODE_PASSWORD");

    static boolean enabled() {
        return USER != null && !USER.isEmpty() && PASSWORD != null;
    }

    @Override
    public UnaryOperator<RestHandler> getRestHandlerWrapper(ThreadContext threadContext) {
        if (!enabled()) {
            return null;
        }
        byte[] expected = ("Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
        return handler -> new RestHandler.Wrapper(handler) {
            @Override
            public void handleRequest(RestRequest request, RestChannel channel, NodeClient client) throws Exception {
                String given = request.header("Authorization");
                if (given != null && MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8))) {
                    super.handleRequest(request, channel, client);
                    return;
                }
                String why = given == null ? "missing authentication credentials" : "wrong credentials";
                BytesRestResponse response = new BytesRestResponse(
                    RestStatus.UNAUTHORIZED,
                    "application/json; charset=UTF-8",
                    "{\"error\":{\"type\":\"security_exception\",\"reason\":\"" + why + " for REST request [" + request.path().replace("\\", "\\\\").replace("\"", "\\\"")
                        + "]\"},\"status\":401}"
                );
                response.addHeader("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"");
                channel.sendResponse(response);
            }
        };
    }
}
