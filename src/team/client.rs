//! The team server's HTTP API as the sync needs it: blocking calls with timeouts, the
//! server's `{code, message}` errors turned into the project's errors (offline, refused, other).

use std::time::Duration;

use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::wire::{ChangesPage, Me, PushResponse, Summary};
use crate::error::{Error, Result};

/// Names a PEM file of certificate authorities to trust besides the system's.
pub const CA_ENV: &str = "CLAIMCODER_TEAM_CA";

/// Where a team project lives: `https://HOST:PORT/PROJECT_ID` (or `http://` on a private
/// network) as the lead hands it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAddress {
    /// The server's base address, without a trailing slash.
    pub server: String,
    pub project_id: String,
}

impl TeamAddress {
    pub fn parse(url: &str) -> Result<TeamAddress> {
        let bad = |why: &str| {
            Error::InvalidOption(format!(
                "{url:?} is not a team project's address ({why}): give it as https://HOST:PORT/PROJECT_ID"
            ))
        };
        let parsed = reqwest::Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
        match parsed.scheme() {
            "http" | "https" => {}
            other => return Err(bad(&format!("the scheme is {other}, not http or https"))),
        }
        if parsed.host_str().is_none() {
            return Err(bad("no host"));
        }
        let mut segments: Vec<&str> = parsed
            .path_segments()
            .map(|s| s.filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        let Some(project_id) = segments.pop() else {
            return Err(bad("no project id at the end"));
        };
        let mut base = parsed.clone();
        base.set_path(&segments.join("/"));
        base.set_query(None);
        base.set_fragment(None);
        Ok(TeamAddress {
            server: base.as_str().trim_end_matches('/').to_owned(),
            project_id: project_id.to_owned(),
        })
    }

    pub fn url(&self) -> String {
        format!("{}/{}", self.server, self.project_id)
    }
}

/// One team project's API, with one member's token.
pub struct Client {
    http: Http,
    address: TeamAddress,
    token: String,
}

impl Client {
    /// A client with the system's trusted certificates, and the team's own certificate
    /// authority when `CLAIMCODER_TEAM_CA` names its PEM file (a server with a certificate of
    /// the team's making).
    pub fn new(address: TeamAddress, token: &str) -> Result<Client> {
        let mut builder = Http::builder()
            .connect_timeout(Duration::from_secs(5))
            // A page or a push of a few MiB on a slow link; the server answers within this.
            .timeout(Duration::from_secs(120));
        if let Some(ca) = std::env::var_os(CA_ENV).filter(|v| !v.is_empty()) {
            let ca = std::path::PathBuf::from(ca);
            let bad = |why: String| {
                Error::InvalidOption(format!(
                    "{CA_ENV}={}: {why}; it must name a PEM file of certificates",
                    ca.display()
                ))
            };
            let pem = std::fs::read(&ca).map_err(|e| bad(e.to_string()))?;
            let certs =
                reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| bad(e.to_string()))?;
            if certs.is_empty() {
                return Err(bad("it holds no certificate".into()));
            }
            builder = builder.tls_certs_merge(certs);
        }
        let http = builder
            .build()
            .map_err(|e| Error::TeamServer(format!("the HTTP client cannot start: {e}")))?;
        Ok(Client {
            http,
            address,
            token: token.trim().to_owned(),
        })
    }

    pub fn address(&self) -> &TeamAddress {
        &self.address
    }

    fn at(&self, path: &str) -> String {
        format!(
            "{}/projects/{}/{path}",
            self.address.server, self.address.project_id
        )
    }

    pub fn me(&self) -> Result<Me> {
        self.call(self.http.get(self.at("me")))
    }

    /// Sends a push's JSON as it is: a push sent again must be the same bytes.
    pub fn push(&self, body: &str) -> Result<PushResponse> {
        self.call(
            self.http
                .post(self.at("push"))
                .header("content-type", "application/json")
                .body(body.to_owned()),
        )
    }

    pub fn changes(&self, after: i64, limit: u32) -> Result<ChangesPage> {
        self.call(
            self.http
                .get(self.at(&format!("changes?after={after}&limit={limit}"))),
        )
    }

    pub fn summary(&self) -> Result<Summary> {
        self.call(self.http.get(self.at("summary")))
    }

    fn call<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T> {
        let res = req
            .bearer_auth(&self.token)
            .send()
            .map_err(|e| self.offline(&e))?;
        let status = res.status();
        if status.is_success() {
            let bytes = res.bytes().map_err(|e| self.offline(&e))?;
            return serde_json::from_slice(&bytes).map_err(|e| {
                Error::TeamServer(format!(
                    "its answer could not be read ({e}): is {} a Claimcoder team server?",
                    self.address.server
                ))
            });
        }
        Err(self.refusal(status, res))
    }

    fn offline(&self, e: &reqwest::Error) -> Error {
        // The chain's innermost cause says most (a refused connection, a certificate, a cut
        // body).
        let mut inner: &dyn std::error::Error = e;
        while let Some(next) = inner.source() {
            inner = next;
        }
        let cause = inner.to_string();
        if cause.contains("certificate") {
            return Error::TeamRefused(format!(
                "the server's certificate is not trusted here ({cause}); if the team uses a certificate of its own, set {CA_ENV} to its PEM file"
            ));
        }
        let reason = if e.is_timeout() {
            "it did not answer in time".to_owned()
        } else if e.is_connect() {
            format!("no connection: {cause}")
        } else {
            cause
        };
        Error::TeamOffline {
            server: self.address.server.clone(),
            reason,
        }
    }

    fn refusal(&self, status: StatusCode, res: Response) -> Error {
        #[derive(serde::Deserialize)]
        struct Body {
            code: String,
            message: String,
        }
        let text = res.text().unwrap_or_default();
        let said = match serde_json::from_str::<Body>(&text) {
            Ok(b) => format!("{} ({}, {})", b.message, status.as_u16(), b.code),
            Err(_) => format!("HTTP {status}"),
        };
        match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Error::TeamRefused(said),
            // PostgreSQL away or restarting: nothing was applied; try again later.
            StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::BAD_GATEWAY
            | StatusCode::GATEWAY_TIMEOUT => Error::TeamOffline {
                server: self.address.server.clone(),
                reason: said,
            },
            _ => Error::TeamServer(said),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TeamAddress;

    #[test]
    fn a_team_address_is_the_server_and_the_project_at_its_end() {
        let a = TeamAddress::parse("http://127.0.0.1:8080/0193a5b2-7c1d-7e0f-8a9b-0c1d2e3f4a5b/")
            .unwrap();
        assert_eq!(a.server, "http://127.0.0.1:8080");
        assert_eq!(a.project_id, "0193a5b2-7c1d-7e0f-8a9b-0c1d2e3f4a5b");
        let behind = TeamAddress::parse("https://team.example/claimcoder/P1").unwrap();
        assert_eq!(behind.server, "https://team.example/claimcoder");
        assert_eq!(behind.url(), "https://team.example/claimcoder/P1");
        for bad in [
            "127.0.0.1:8080/P",
            "http://127.0.0.1:8080/",
            "ftp://h/P",
            "",
        ] {
            let e = TeamAddress::parse(bad).unwrap_err().to_string();
            assert!(e.contains("https://HOST:PORT/PROJECT_ID"), "{bad}: {e}");
        }
    }
}
