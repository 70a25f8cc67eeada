package dossier.node;

import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SecureHttpTransportSettingsProvider;
import org.opensearch.plugins.SecureSettingsFactory;
import org.opensearch.plugins.SecureTransportSettingsProvider;
import org.opensearch.plugins.TransportExceptionHandler;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;

/**
 * HTTPS for the test node: when DOSSIER_NODE_TLS_KEYSTORE names a PKCS12 key store (its password in
 * DOSSIER_NODE_TLS_PASSWORD), the node's HTTP layer is OpenSearch's own TLS transport
 * ({@code http.type: netty4-secure}), with the key and certificate chain of that store. This is the
 * extension point the security plugin uses; node-to-node transport stays plain (a single node).
 */
public class TlsPlugin extends Plugin {

    private static final String KEYSTORE = System.getenv("DOSSIER_NODE_TLS_KEYSTORE");
    private static final String PASSWORD = System.getenv().getOrDefault("DOSSIER_NODE_TLS_PASSWORD", "");

    static boolean enabled() {
        return KEYSTORE != null && !KEYSTORE.isEmpty();
    }

    private static SSLContext context() {
        try (InputStream in = Files.newInputStream(Path.of(KEYSTORE))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("dossier-node: cannot use the key store DOSSIER_NODE_TLS_KEYSTORE=" + KEYSTORE + ": " + e, e);
        }
    }

    @Override
    public Optional<SecureSettingsFactory> getSecureSettingFactory(Settings settings) {
        if (!enabled()) {
            return Optional.empty();
        }
        SSLContext context = context();
        SecureHttpTransportSettingsProvider http = new SecureHttpTransportSettingsProvider() {
            @Override
            public Optional<TransportExceptionHandler> buildHttpServerExceptionHandler(Settings settings, HttpServerTransport transport) {
                return Optional.empty();
            }

            @Override
            public Optional<SSLEngine> buildSecureHttpServerEngine(Settings settings, HttpServerTransport transport) {
                SSLEngine engine = context.createSSLEngine();
                engine.setUseClientMode(false);
                return Optional.of(engine);
            }
        };
        return Optional.of(new SecureSettingsFactory() {
            @Override
            public Optional<SecureTransportSettingsProvider> getSecureTransportSettingsProvider(Settings settings) {
                return Optional.empty();
            }

            @Override
            public Optional<SecureHttpTransportSettingsProvider> getSecureHttpTransportSettingsProvider(Settings settings) {
                return Optional.of(http);
            }
        });
    }
}
