package dossier.node;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One real OpenSearch 2.19 node in this JVM, for Dossier's tests and CI.
 *
 * <p>Usage: {@code java -jar dossier-opensearch-node.jar [--port 9200] [--data DIR] [--cluster NAME]}
 * (or positionally {@code PORT DATA_DIR}). It binds HTTP on 127.0.0.1:PORT, keeps its data under DIR,
 * and runs until it is killed (SIGTERM closes the node cleanly).
 *
 * <p>Plugins on the classpath: netty4 (HTTP and transport), analysis-common (the language analyzers
 * such as {@code english}), and {@link BasicAuthPlugin}, which answers 401 unless the request carries
 * {@code Authorization: Basic} with DOSSIER_NODE_USER / DOSSIER_NODE_PASSWORD, when both are set, or
 * {@code Authorization: ApiKey} with DOSSIER_NODE_API_KEY, when that is set.
 *
 * <p>{@link TlsPlugin} serves HTTPS instead when DOSSIER_NODE_TLS_KEYSTORE names a PKCS12 key store.
 *
 * <p>DOSSIER_NODE_SETTINGS ("key=value key=value") adds node settings or overrides the defaults below.
 */
public final class DossierNode {

    private DossierNode() {}

    /** A Node whose plugins are classes on the classpath (what a distribution loads from plugins/ and modules/). */
    static final class PluginsNode extends Node {
        PluginsNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> "dossier-node"), plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 9200;
        Path data = null;
        String cluster = "dossier-test";
        boolean exitWhenStarted = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(args[++i]);
                    break;
                case "--data":
                    data = Path.of(args[++i]);
                    break;
                case "--cluster":
                    cluster = args[++i];
                    break;
                case "--exit-when-started":
                    // start, close, exit 0: for a class-data-sharing dump (-XX:ArchiveClassesAtExit) at build time
                    exitWhenStarted = true;
                    break;
                case "-h":
                case "--help":
                    System.out.println("usage: DossierNode [--port PORT] [--data DIR] [--cluster NAME] [--exit-when-started] | [PORT [DATA_DIR]]");
                    return;
                default:
                    positional.add(args[i]);
            }
        }
        if (positional.size() > 0) {
            port = Integer.parseInt(positional.get(0));
        }
        if (positional.size() > 1) {
            data = Path.of(positional.get(1));
        }
        if (data == null) {
            data = Files.createTempDirectory("dossier-opensearch-");
        }
        data = data.toAbsolutePath();
        Path home = data.resolve("home");
        Files.createDirectories(home);
        Files.createDirectories(data.resolve("data"));

        Settings.Builder builder = Settings.builder()
            .put("cluster.name", cluster)
            .put("node.name", "dossier-node-" + port)
            .put("path.home", home.toString())
            .put("path.data", data.resolve("data").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            // transport: any free port (tests may run several nodes side by side)
            .put("transport.port", "0")
            .put("discovery.type", "single-node")
            .put("transport.type", "netty4")
            .put("http.type", TlsPlugin.enabled() ? "netty4-secure" : "netty4")
            // a CI disk that is over 90% full must not make the indices read-only
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        // Settings a test needs the node to have otherwise (a write thread pool so small that bulk requests
        // are refused with 429, say), given as "key=value key=value" and applied over the defaults above.
        List<String> extra = new ArrayList<>();
        String given = System.getenv("DOSSIER_NODE_SETTINGS");
        if (given != null && !given.isBlank()) {
            for (String pair : given.trim().split("\\s+")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    System.err.println("dossier-node: DOSSIER_NODE_SETTINGS: expected key=value, not '" + pair + "'");
                    System.exit(2);
                }
                builder.put(pair.substring(0, equals), pair.substring(equals + 1));
                extra.add(pair);
            }
        }
        Settings settings = builder.build();

        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, BasicAuthPlugin.class, TlsPlugin.class);
        long t0 = System.nanoTime();
        Node node = new PluginsNode(settings, plugins);
        node.start();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("dossier-node: started on " + (TlsPlugin.enabled() ? "https" : "http") + "://127.0.0.1:" + port + " (data " + data + ") in " + ms + " ms"
            + BasicAuthPlugin.describe() + (extra.isEmpty() ? "" : ", settings " + String.join(" ", extra)));
        if (exitWhenStarted) {
            node.close();
            System.exit(0);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "dossier-node-shutdown"));
        stopped.await();
    }
}
