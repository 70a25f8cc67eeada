//! What the tests that need a real OpenSearch node share: the node's address, a free port, and a second
//! node with basic auth.

use std::path::Path;

/// The test node's address, or a failure that says how to start one.
pub fn node() -> String {
    match std::env::var("DOSSIER_TEST_OPENSEARCH") {
        Ok(url) if !url.is_empty() => url.trim_end_matches('/').to_owned(),
        _ => panic!(
            "DOSSIER_TEST_OPENSEARCH is not set: these tests need a running OpenSearch node. Start one with \
             `scripts/opensearch.sh start 9250` and run them with `DOSSIER_TEST_OPENSEARCH=http://127.0.0.1:9250` \
             (./dev.sh test does both)"
        ),
    }
}

/// A port nothing listens on.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A node started by a test with basic auth, stopped when dropped.
pub struct AuthNode {
    /// Where it listens, on 127.0.0.1.
    pub port: u16,
    state: tempfile::TempDir,
}

impl AuthNode {
    /// Starts a node that answers 401 without this user and password.
    pub fn start(user: &str, password: &str) -> AuthNode {
        let state = tempfile::tempdir().unwrap();
        let port = free_port();
        let status = std::process::Command::new(script())
            .args(["start", &port.to_string()])
            .env("DOSSIER_NODE_DIR", state.path())
            .env("DOSSIER_NODE_USER", user)
            .env("DOSSIER_NODE_PASSWORD", password)
            .status()
            .unwrap();
        assert!(status.success(), "scripts/opensearch.sh start {port} with basic auth");
        AuthNode { port, state }
    }
}

impl Drop for AuthNode {
    fn drop(&mut self) {
        let _ = std::process::Command::new(script())
            .args(["stop", &self.port.to_string()])
            .env("DOSSIER_NODE_DIR", self.state.path())
            .status();
    }
}

fn script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/opensearch.sh")
}
