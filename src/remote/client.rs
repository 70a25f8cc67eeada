//! A blocking HTTP client for one OpenSearch cluster: credentials and TLS from the environment, retries
//! with backoff on 429 and 5xx, and errors that say what to do (node down, wrong credentials).

use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// What went wrong talking to the cluster, in words for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteError {
    /// The kind, for callers that act on it (exit codes, tests).
    pub kind: ErrorKind,
    /// What happened and, where we know, what to do.
    pub message: String,
}

/// Kinds of failure a caller may treat differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No answer: connection refused, unknown host, TLS failure, timeout.
    Unreachable,
    /// 401 or 403: credentials missing or wrong.
    Unauthorized,
    /// The index asked for does not exist.
    NoSuchIndex,
    /// The settings (URL, CA file, environment) cannot be used.
    Settings,
    /// Any other answer the cluster gave (a bad query, a mapping conflict), or a reply we cannot read.
    Server,
}

impl std::fmt::Display for RemoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl RemoteError {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> RemoteError {
        RemoteError { kind, message: message.into() }
    }
}

/// Where an index lives: `http://HOST:9200/NAME` split into the cluster's address and the index name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The cluster's address, without a trailing slash (`http://localhost:9200`).
    pub base: String,
    /// The index name; the statements and file manifest live in `NAME-statements` and `NAME-files`.
    pub name: String,
}

impl Target {
    /// Reads `http(s)://HOST[:PORT][/PREFIX]/NAME`; the name must be a valid OpenSearch index name.
    pub fn parse(url: &str) -> Result<Target, RemoteError> {
        let bad = |why: &str| {
            RemoteError::new(
                ErrorKind::Settings,
                format!("`{url}`: {why} (expected http://HOST:9200/NAME or https://HOST:9200/NAME)"),
            )
        };
        let rest = url
            .strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"))
            .ok_or_else(|| bad("the address must start with http:// or https://"))?;
        let scheme = &url[..url.len() - rest.len()];
        let (host, name) =
            rest.trim_end_matches('/').rsplit_once('/').ok_or_else(|| bad("the index name is missing"))?;
        if host.is_empty() {
            return Err(bad("the host is missing"));
        }
        if name.is_empty()
            || name.starts_with(['-', '_', '+', '.'])
            || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        {
            return Err(bad(
                "the index name must be lower case letters, digits, `-`, `_` or `.`, not starting with `-`, `_` or `.`",
            ));
        }
        let base = format!("{scheme}{host}");
        Ok(Target { base, name: name.to_owned() })
    }

    /// The index of articles.
    pub fn articles(&self) -> String {
        self.name.clone()
    }

    /// The index of statements, one document per statement with its article's id.
    pub fn statements(&self) -> String {
        format!("{}-statements", self.name)
    }

    /// The index of the per-file manifest: each ingested file's path, content version and counts.
    pub fn files(&self) -> String {
        format!("{}-files", self.name)
    }
}

/// How requests authenticate, from the environment.
#[derive(Debug, Clone)]
enum Auth {
    None,
    Basic(String),
    ApiKey(String),
    /// Basic auth with a user and password given for this session (typed in the app), not from the environment.
    Given(String),
}

/// A connection to one cluster.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    /// The cluster's address, without a trailing slash.
    pub base: String,
    auth: Auth,
    /// Attempts for a request answered 429 or 5xx, or (once the cluster answered) not answered.
    attempts: u32,
    /// Requests sent again after a 429 or 5xx, by this client and its clones: a busy cluster shows in
    /// `dossier index`'s summary rather than only as a slow run.
    retried: Arc<AtomicU64>,
}

/// Environment variables the client reads.
pub const ENV_USER: &str = "DOSSIER_OPENSEARCH_USER";
/// The password for basic auth with `DOSSIER_OPENSEARCH_USER`.
pub const ENV_PASSWORD: &str = "DOSSIER_OPENSEARCH_PASSWORD";
/// An API key, sent as `Authorization: ApiKey KEY` (instead of basic auth).
pub const ENV_API_KEY: &str = "DOSSIER_OPENSEARCH_API_KEY";
/// A PEM file of the CA certificates to trust for https (instead of the built-in web roots).
pub const ENV_CA: &str = "DOSSIER_OPENSEARCH_CA";

/// A user and password given for one session (typed in the app), used instead of the environment's.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user name for HTTP basic auth.
    pub user: String,
    /// The password, kept in memory only.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password: commands and errors may be logged.
        f.debug_struct("Credentials").field("user", &self.user).field("password", &"…").finish()
    }
}

fn basic_token(user: &str, password: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
}

impl Client {
    /// A client for `base`, with credentials and CA from the environment.
    pub fn from_env(base: &str) -> Result<Client, RemoteError> {
        Client::with_credentials(base, None)
    }

    /// A client for `base` with `credentials` when given (else the environment's), and the CA from the
    /// environment.
    pub fn with_credentials(base: &str, credentials: Option<&Credentials>) -> Result<Client, RemoteError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let auth = match (credentials, var(ENV_API_KEY), var(ENV_USER)) {
            (Some(given), _, _) => Auth::Given(basic_token(&given.user, &given.password)),
            (None, Some(key), _) => Auth::ApiKey(key),
            (None, None, Some(user)) => {
                Auth::Basic(basic_token(&user, &std::env::var(ENV_PASSWORD).unwrap_or_default()))
            }
            (None, None, None) => Auth::None,
        };
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(300)));
        if let Some(ca) = var(ENV_CA) {
            let pem = std::fs::read(&ca).map_err(|e| {
                RemoteError::new(ErrorKind::Settings, format!("cannot read the CA file {ENV_CA}={ca}: {e}"))
            })?;
            let certificates: Vec<ureq::tls::Certificate<'static>> = ureq::tls::parse_pem(&pem)
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(certificate)) => Some(certificate),
                    _ => None,
                })
                .collect();
            if certificates.is_empty() {
                return Err(RemoteError::new(
                    ErrorKind::Settings,
                    format!("{ENV_CA}={ca} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"),
                ));
            }
            let tls =
                ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&certificates)).build();
            config = config.tls_config(tls);
        }
        Ok(Client {
            agent: config.build().into(),
            base: base.trim_end_matches('/').to_owned(),
            auth,
            attempts: 8,
            retried: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Sets how many times a request answered 429/5xx is tried (1: never again).
    pub fn with_attempts(mut self, attempts: u32) -> Client {
        self.attempts = attempts.max(1);
        self
    }

    /// How many requests (or parts of bulk requests) were sent again because the cluster answered 429 or
    /// 5xx, by this client and its clones.
    pub fn retried(&self) -> u64 {
        self.retried.load(Ordering::Relaxed)
    }

    /// Counts a request sent again after a 429 or 5xx (for callers that retry parts of a bulk request).
    pub fn note_retry(&self) {
        self.retried.fetch_add(1, Ordering::Relaxed);
    }

    /// Checks that the cluster answers and accepts our credentials; returns its version.
    pub fn check(&self) -> Result<String, RemoteError> {
        let (status, body) = self.request_once("GET", "/", None)?;
        if status != 200 {
            return Err(self.unexpected("GET /", status, &body));
        }
        let info: Value = serde_json::from_str(&body).unwrap_or_default();
        Ok(info["version"]["number"].as_str().unwrap_or("unknown").to_owned())
    }

    /// Sends a request and returns the status and parsed JSON body; 429 and 5xx are retried with backoff,
    /// 401/403 become `Unauthorized`. Other statuses are the caller's to judge.
    pub fn send(&self, method: &str, path: &str, body: Option<&[u8]>) -> Result<(u16, Value), RemoteError> {
        let mut delay = Duration::from_millis(250);
        let mut attempt = 1;
        loop {
            let outcome = self.request_once(method, path, body);
            let retry = match &outcome {
                Ok((status, _)) => *status == 429 || *status >= 500,
                Err(error) => error.kind == ErrorKind::Unreachable,
            };
            if !retry || attempt >= self.attempts {
                let (status, text) = outcome?;
                if status == 429 || status >= 500 {
                    return Err(self.unexpected(&format!("{method} {path}"), status, &text));
                }
                let value = if text.trim().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&text).map_err(|e| {
                        RemoteError::new(ErrorKind::Server, format!("{method} {path}: the reply is not JSON ({e})"))
                    })?
                };
                return Ok((status, value));
            }
            match &outcome {
                Ok((status, _)) => {
                    self.note_retry();
                    eprintln!("dossier: {method} {path}: the cluster answered {status}; trying again in {delay:?}");
                }
                // Said, so that a node gone mid-run shows at once, not only when the attempts run out.
                Err(error) => eprintln!(
                    "dossier: {method} {path}: no answer ({}); trying again in {delay:?} (attempt {attempt} of {})",
                    error.message, self.attempts
                ),
            }
            std::thread::sleep(delay);
            delay = (delay * 2).min(Duration::from_secs(30));
            attempt += 1;
        }
    }

    /// Sends a request that must succeed (2xx), returning its JSON body.
    pub fn ok(&self, method: &str, path: &str, body: Option<&[u8]>) -> Result<Value, RemoteError> {
        let (status, value) = self.send(method, path, body)?;
        if (200..300).contains(&status) {
            return Ok(value);
        }
        Err(self.unexpected(&format!("{method} {path}"), status, &value.to_string()))
    }

    /// Sends JSON that must succeed.
    pub fn ok_json(&self, method: &str, path: &str, body: &Value) -> Result<Value, RemoteError> {
        self.ok(method, path, Some(body.to_string().as_bytes()))
    }

    /// The error for an answer we did not expect, with the cluster's own reason when it gives one.
    fn unexpected(&self, what: &str, status: u16, body: &str) -> RemoteError {
        let parsed: Value = serde_json::from_str(body).unwrap_or_default();
        let reason = parsed["error"]["root_cause"][0]["reason"]
            .as_str()
            .or_else(|| parsed["error"]["reason"].as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| body.chars().take(300).collect());
        let kind = if parsed["error"]["type"] == "index_not_found_exception" || status == 404 {
            ErrorKind::NoSuchIndex
        } else {
            ErrorKind::Server
        };
        RemoteError::new(kind, format!("OpenSearch at {} answered {status} to {what}: {reason}", self.base))
    }

    /// One request, no retry: the status and body text, or why there was no answer.
    fn request_once(&self, method: &str, path: &str, body: Option<&[u8]>) -> Result<(u16, String), RemoteError> {
        let url = format!("{}{}", self.base, path);
        let content_type = if path.contains("_bulk") { "application/x-ndjson" } else { "application/json" };
        let authorization = match &self.auth {
            Auth::None => None,
            Auth::Basic(token) | Auth::Given(token) => Some(format!("Basic {token}")),
            Auth::ApiKey(key) => Some(format!("ApiKey {key}")),
        };
        let result = match (method, body) {
            ("GET", None) | ("HEAD", None) | ("DELETE", None) => {
                let mut request = match method {
                    "GET" => self.agent.get(&url),
                    "HEAD" => self.agent.head(&url),
                    _ => self.agent.delete(&url),
                };
                if let Some(value) = &authorization {
                    request = request.header("Authorization", value);
                }
                request.call()
            }
            _ => {
                let mut request = match method {
                    "PUT" => self.agent.put(&url),
                    // GET and DELETE with a body are sent as POST, which OpenSearch accepts for them all.
                    _ => self.agent.post(&url),
                };
                request = request.header("Content-Type", content_type);
                if let Some(value) = &authorization {
                    request = request.header("Authorization", value);
                }
                request.send(body.unwrap_or_default())
            }
        };
        let mut response = result.map_err(|error| {
            RemoteError::new(
                ErrorKind::Unreachable,
                format!(
                    "cannot reach OpenSearch at {}: {error} ({})",
                    self.base,
                    unreachable_hint(&self.base, &error.to_string())
                ),
            )
        })?;
        let status = response.status().as_u16();
        let text = response.body_mut().with_config().limit(1 << 31).read_to_string().map_err(|error| {
            RemoteError::new(ErrorKind::Unreachable, format!("{method} {url}: the reply was cut short: {error}"))
        })?;
        if status == 401 || status == 403 {
            let environment = format!("set {ENV_USER} and {ENV_PASSWORD} (basic auth) or {ENV_API_KEY}");
            let (sent, what_to_do) = match &self.auth {
                Auth::None => ("no credentials were sent".to_owned(), environment),
                Auth::Basic(_) => (format!("the user in {ENV_USER} and {ENV_PASSWORD} was refused"), environment),
                Auth::ApiKey(_) => (format!("the key in {ENV_API_KEY} was refused"), environment),
                // Typed in the app: the environment is not what to fix.
                Auth::Given(_) => {
                    ("the user and password given were refused".to_owned(), "check them and try again".to_owned())
                }
            };
            return Err(RemoteError::new(
                ErrorKind::Unauthorized,
                format!(
                    "OpenSearch at {} answered {status} {}: {sent}; {what_to_do}",
                    self.base,
                    if status == 401 { "Unauthorized" } else { "Forbidden" }
                ),
            ));
        }
        Ok((status, text))
    }
}

/// What to check when a request got no answer: the node, its scheme, or the CA its certificate needs.
fn unreachable_hint(base: &str, error: &str) -> String {
    if error.contains("certificate") {
        format!(
            "the node's TLS certificate is not signed by a CA trusted here: set {ENV_CA}=ca.pem to its CA's PEM file"
        )
    } else if base.starts_with("http://") && !error.contains("refused") {
        "is the node running? if it serves HTTPS, use https://".to_owned()
    } else {
        "is the node running? for tests: scripts/opensearch.sh start".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_cluster_and_index() {
        let target = Target::parse("http://localhost:9200/news").unwrap();
        assert_eq!((target.base.as_str(), target.name.as_str()), ("http://localhost:9200", "news"));
        assert_eq!(target.statements(), "news-statements");
        let proxied = Target::parse("https://host/search/news/").unwrap();
        assert_eq!((proxied.base.as_str(), proxied.name.as_str()), ("https://host/search", "news"));
        for bad in ["localhost:9200/news", "http://localhost:9200", "http://localhost:9200/News", "http://h/_x"] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }
}
