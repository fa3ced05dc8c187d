//! Client options, typed, and the rules that apply to them before anything is sent: where
//! requests go, the security rules (no credentials in clear text except to loopback; no control
//! character in any header value), timeouts and retries. [`ClientOptions`] is what the Rust
//! clients build and what the bindings fill from a JS options object (`interop.rs`);
//! [`ClientConfig::new`] is the one validation of both.

use crate::auth::Credentials;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::headers;

/// Per-attempt timeout when none is given.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// Retries after the first attempt when none is given.
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// The longest timer a JS engine runs reliably (2^31 - 1 ms).
pub const MAX_TIMEOUT_MS: u32 = 2_147_483_647;
/// The most retries a client may ask for.
pub const MAX_RETRIES: u32 = 20;

/// Where credentials come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CredentialSource {
    /// No auth header (a proxy adds it).
    #[default]
    None,
    /// Given once, used for every request.
    Static(Credentials),
    /// A function asked before each request (held by the driver).
    Provider,
}

/// What a client is built from. Every rule is checked by [`ClientConfig::new`]; the builder
/// itself never fails.
///
/// ```
/// use ims_client::config::{ClientConfig, ClientOptions};
/// use ims_client::auth::Credentials;
///
/// let options = ClientOptions::region("cn-north-4").credentials(Credentials::Token("t".into())).timeout_ms(5_000);
/// let config = ClientConfig::new(&options).unwrap();
/// assert_eq!(config.endpoint.base(), "https://ims.cn-north-4.myhuaweicloud.com");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientOptions {
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<String>,
    pub(crate) origin: Option<String>,
    pub(crate) project_id: Option<String>,
    pub(crate) credentials: CredentialSource,
    pub(crate) timeout_ms: Option<u64>,
    pub(crate) max_retries: Option<u64>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) allow_insecure_http: bool,
}

impl ClientOptions {
    /// Requests go to this base URL, which may carry a path prefix (a console's proxy).
    pub fn endpoint(url: impl Into<String>) -> ClientOptions {
        ClientOptions { endpoint: Some(url.into()), ..ClientOptions::default() }
    }

    /// Requests go to this region's IMS endpoint (`cn-north-4` means
    /// `https://ims.cn-north-4.myhuaweicloud.com`).
    pub fn region(id: impl Into<String>) -> ClientOptions {
        ClientOptions { region: Some(id.into()), ..ClientOptions::default() }
    }

    /// The page's origin (`https://console.example.com`), against which a path-absolute endpoint
    /// (`/api/ims`) resolves. Browser drivers set it; elsewhere such an endpoint is refused.
    pub fn origin(mut self, origin: impl Into<String>) -> ClientOptions {
        self.origin = Some(origin.into());
        self
    }

    /// Sent as `X-Project-Id` (an empty one is none).
    pub fn project_id(mut self, id: impl Into<String>) -> ClientOptions {
        self.project_id = Some(id.into());
        self
    }

    /// How every request is authorised.
    pub fn credentials(mut self, credentials: Credentials) -> ClientOptions {
        self.credentials = CredentialSource::Static(credentials);
        self
    }

    /// Per attempt, in milliseconds: 1 to 2^31 - 1 (default 30000).
    pub fn timeout_ms(mut self, ms: u64) -> ClientOptions {
        self.timeout_ms = Some(ms);
        self
    }

    /// Retries after the first attempt: 0 to 20 (default 3).
    pub fn max_retries(mut self, n: u64) -> ClientOptions {
        self.max_retries = Some(n);
        self
    }

    /// An extra header on every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> ClientOptions {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Allows credentials over plain `http:` to a host that is not loopback (default false).
    pub fn allow_insecure_http(mut self, allow: bool) -> ClientOptions {
        self.allow_insecure_http = allow;
        self
    }
}

/// Validated client options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Where requests go.
    pub endpoint: Endpoint,
    /// Sent as `X-Project-Id`.
    pub project_id: Option<String>,
    /// How requests are authorised.
    pub credentials: CredentialSource,
    /// Per attempt, in milliseconds.
    pub timeout_ms: u32,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Extra headers on every request.
    pub headers: Vec<(String, String)>,
}

/// A per-attempt timeout: a positive integer number of milliseconds, at most 2^31 - 1.
pub fn check_timeout(key: &str, ms: i64) -> Result<u32, Error> {
    match u32::try_from(ms) {
        Ok(n) if (1..=MAX_TIMEOUT_MS).contains(&n) => Ok(n),
        _ => Err(Error::invalid(
            key,
            crate::text::concat(&[
                "expected a positive integer of at most ",
                &crate::text::int_text(u64::from(MAX_TIMEOUT_MS)),
                ", got ",
                &crate::text::int(ms),
            ]),
        )),
    }
}

/// `maxRetries`: 0 to 20.
pub fn check_max_retries(key: &str, n: i64) -> Result<u32, Error> {
    match u32::try_from(n) {
        Ok(n) if n <= MAX_RETRIES => Ok(n),
        _ => Err(Error::invalid(
            key,
            crate::text::concat(&["expected an integer from 0 to ", &crate::text::int_text(u64::from(MAX_RETRIES))]),
        )),
    }
}

impl ClientConfig {
    /// Checks every option; errors name the option's key as the JS client spells it
    /// (`timeoutMs`, `headers.X-Name`, `credentials.token`).
    pub fn new(o: &ClientOptions) -> Result<ClientConfig, Error> {
        let project_id = match o.project_id.as_deref() {
            Some(p) => headers::check_value("projectId", p).map(|()| Some(p.to_owned()).filter(|p| !p.is_empty()))?,
            None => None,
        };
        if let CredentialSource::Static(c) = &o.credentials {
            c.check("credentials")?;
        }
        let timeout_ms = match o.timeout_ms {
            Some(ms) => check_timeout("timeoutMs", i64::try_from(ms).unwrap_or(i64::MAX))?,
            None => DEFAULT_TIMEOUT_MS,
        };
        let max_retries = match o.max_retries {
            Some(n) => check_max_retries("maxRetries", i64::try_from(n).unwrap_or(i64::MAX))?,
            None => DEFAULT_MAX_RETRIES,
        };
        let mut checked: Vec<(String, String)> = Vec::with_capacity(o.headers.len());
        for (name, value) in &o.headers {
            let key = crate::text::concat(&["headers.", name]);
            headers::check_name(&key, name)?;
            if headers::is_secret_header(name) {
                return Err(Error::invalid(&key, "is set from credentials, not headers"));
            }
            if checked.iter().any(|(h, _)| h.eq_ignore_ascii_case(name)) {
                return Err(Error::invalid(&key, "given twice"));
            }
            headers::check_value(&key, value)?;
            checked.push((name.clone(), value.clone()));
        }
        let endpoint = Endpoint::new(o.region.as_deref(), o.endpoint.as_deref(), o.origin.as_deref())?;
        if o.credentials != CredentialSource::None && !endpoint.is_https() && !endpoint.is_loopback() && !o.allow_insecure_http {
            return Err(Error::invalid(
                "endpoint",
                "credentials would travel in clear text: use an https endpoint (plain http is allowed only to loopback), or set allowInsecureHttp: true",
            ));
        }
        Ok(ClientConfig { endpoint, project_id, credentials: o.credentials.clone(), timeout_ms, max_retries, headers: checked })
    }
}
