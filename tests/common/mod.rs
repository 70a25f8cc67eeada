//! What the tests that need a real OpenSearch node share: the node's address, a free port, and nodes of a
//! test's own (basic auth, an API key, other settings, killed and started again).
// Each test crate uses part of it.
#![allow(dead_code)]

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

/// A node of a test's own (its own free port, state and data in a temporary folder), with the settings
/// its environment gives `scripts/opensearch.sh`; stopped when dropped, however the test ends.
pub struct TestNode {
    /// Where it listens, on 127.0.0.1.
    pub port: u16,
    state: tempfile::TempDir,
    environment: Vec<(String, String)>,
}

impl TestNode {
    /// Starts a node with these variables in the script's environment (`DOSSIER_NODE_SETTINGS`, …).
    pub fn start(environment: &[(&str, &str)]) -> TestNode {
        let node = TestNode {
            port: free_port(),
            state: tempfile::tempdir().unwrap(),
            environment: environment.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect(),
        };
        node.start_again();
        node
    }

    /// Starts a node that answers 401 without this user and password.
    pub fn with_basic_auth(user: &str, password: &str) -> TestNode {
        TestNode::start(&[("DOSSIER_NODE_USER", user), ("DOSSIER_NODE_PASSWORD", password)])
    }

    /// Its address (`https://` when started with `DOSSIER_NODE_TLS=1`).
    pub fn url(&self) -> String {
        let tls = self.environment.iter().any(|(name, value)| name == "DOSSIER_NODE_TLS" && value == "1");
        format!("{}://127.0.0.1:{}", if tls { "https" } else { "http" }, self.port)
    }

    /// The PEM file of the test CA that signed its certificate, when it serves HTTPS.
    pub fn ca_pem(&self) -> std::path::PathBuf {
        self.state.path().join(format!("tls-{}", self.port)).join("ca.pem")
    }

    /// Starts it (again, after `kill`) on the same port and data, and waits until it is green or yellow.
    pub fn start_again(&self) {
        let status = self.script(&["start", &self.port.to_string(), self.data().to_str().unwrap()]).status().unwrap();
        assert!(status.success(), "scripts/opensearch.sh start {}", self.port);
    }

    /// Kills the node's JVM with SIGKILL, as a crash or the out-of-memory killer would (no clean close),
    /// and waits until its port no longer answers.
    pub fn kill(&self) {
        let pid_file = self.state.path().join(format!("node-{}.pid", self.port));
        let pid = std::fs::read_to_string(&pid_file).unwrap().trim().to_owned();
        let status = std::process::Command::new("kill").args(["-KILL", &pid]).status().unwrap();
        assert!(status.success(), "kill -KILL {pid}");
        let gone_by = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
            assert!(std::time::Instant::now() < gone_by, "the node on {} still answers after SIGKILL", self.port);
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    fn data(&self) -> std::path::PathBuf {
        self.state.path().join("data")
    }

    fn script(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(script());
        command.args(args).env("DOSSIER_NODE_DIR", self.state.path());
        for (name, value) in &self.environment {
            command.env(name, value);
        }
        command
    }
}

impl Drop for TestNode {
    fn drop(&mut self) {
        let _ = self.script(&["stop", &self.port.to_string()]).status();
    }
}

fn script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/opensearch.sh")
}
