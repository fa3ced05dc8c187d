//! Client options, validated from the neutral `Input` the bindings hand over. Functions (a
//! `fetch`, a credentials provider) arrive as `Input::Other("function")`: the bindings keep the
//! function itself; here we only check that it is one.

use crate::error::Error;
use crate::query::input::Input;
use crate::request::{Credentials, Endpoint};

pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// The longest timer a JS engine runs reliably (2^31 - 1 ms).
const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;
const MAX_RETRIES_CAP: f64 = 20.0;

/// Where credentials come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    None,
    Static(Credentials),
    /// A function asked before each request (held by the bindings).
    Provider,
}

#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub endpoint: Endpoint,
    pub project_id: Option<String>,
    pub credentials: CredentialSource,
    pub timeout_ms: u32,
    pub max_retries: u32,
    /// Whether a custom `fetch` was given (held by the bindings).
    pub custom_fetch: bool,
    pub headers: Vec<(String, String)>,
}

fn is_function(v: &Input) -> bool {
    matches!(v, Input::Other(t) if t == "function")
}

/// `timeoutMs`: a positive integer number of milliseconds.
pub fn timeout_from_input(key: &str, v: &Input) -> Result<u32, Error> {
    match v {
        Input::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= MAX_TIMEOUT_MS => Ok(*n as u32),
        Input::Number(n) => Err(Error::invalid(key, format!("expected a positive integer of at most 2147483647, got {n}"))),
        other => Err(Error::invalid(key, format!("expected a number, got {}", other.type_name()))),
    }
}

impl Credentials {
    /// `{ token }` or `{ accessKey, secretKey, securityToken? }`. Messages never echo values.
    pub fn from_input(key: &str, v: &Input) -> Result<Credentials, Error> {
        let Input::Object(members) = v else {
            return Err(Error::invalid(key, format!("expected an object or a function, got {}", v.type_name())));
        };
        let mut token = None;
        let mut ak = None;
        let mut sk = None;
        let mut sts = None;
        for (k, v) in members {
            if matches!(v, Input::Absent) {
                continue;
            }
            let slot = match k.as_str() {
                "token" => &mut token,
                "accessKey" => &mut ak,
                "secretKey" => &mut sk,
                "securityToken" => &mut sts,
                other => return Err(Error::invalid(&format!("{key}.{other}"), "unknown key")),
            };
            let s = v.string(&format!("{key}.{k}"))?;
            if s.is_empty() {
                return Err(Error::invalid(&format!("{key}.{k}"), "must not be empty"));
            }
            *slot = Some(s);
        }
        match (token, ak, sk) {
            (Some(t), None, None) if sts.is_none() => Ok(Credentials::Token(t)),
            (None, Some(access_key), Some(secret_key)) => Ok(Credentials::AkSk { access_key, secret_key, security_token: sts }),
            (None, Some(_), None) => Err(Error::invalid(&format!("{key}.secretKey"), "is required with accessKey")),
            (None, None, Some(_)) => Err(Error::invalid(&format!("{key}.accessKey"), "is required with secretKey")),
            (None, None, None) => Err(Error::invalid(key, "expected { token } or { accessKey, secretKey }")),
            _ => Err(Error::invalid(key, "give either token or accessKey/secretKey, not both")),
        }
    }
}

impl ClientConfig {
    pub fn from_input(v: &Input) -> Result<ClientConfig, Error> {
        let Input::Object(members) = v else {
            return Err(Error::invalid("options", format!("expected an object, got {}", v.type_name())));
        };
        let (mut region, mut endpoint, mut project_id) = (None, None, None);
        let mut credentials = CredentialSource::None;
        let mut timeout_ms = DEFAULT_TIMEOUT_MS;
        let mut max_retries = DEFAULT_MAX_RETRIES;
        let mut custom_fetch = false;
        let mut headers = Vec::new();
        for (k, v) in members {
            if matches!(v, Input::Absent) {
                continue;
            }
            match k.as_str() {
                "region" => region = Some(v.string(k)?),
                "endpoint" => endpoint = Some(v.string(k)?),
                "projectId" => project_id = Some(v.string(k)?).filter(|p| !p.is_empty()),
                "credentials" if is_function(v) => credentials = CredentialSource::Provider,
                "credentials" => credentials = CredentialSource::Static(Credentials::from_input(k, v)?),
                "timeoutMs" => timeout_ms = timeout_from_input(k, v)?,
                "maxRetries" => {
                    max_retries = match v {
                        Input::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= MAX_RETRIES_CAP => *n as u32,
                        _ => return Err(Error::invalid(k, "expected an integer from 0 to 20")),
                    }
                }
                "fetch" if is_function(v) => custom_fetch = true,
                "fetch" => return Err(Error::invalid(k, format!("expected a function, got {}", v.type_name()))),
                "headers" => headers = headers_from_input(v)?,
                other => return Err(Error::invalid(other, "unknown client option")),
            }
        }
        let endpoint = Endpoint::new(region.as_deref(), endpoint.as_deref())?;
        Ok(ClientConfig { endpoint, project_id, credentials, timeout_ms, max_retries, custom_fetch, headers })
    }
}

/// A header name: an RFC 9110 token.
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn headers_from_input(v: &Input) -> Result<Vec<(String, String)>, Error> {
    let headers = v.string_map("headers")?;
    for (i, (k, value)) in headers.iter().enumerate() {
        let key = format!("headers.{k}");
        if !is_token(k) {
            return Err(Error::invalid(&key, "is not a valid header name"));
        }
        if value.contains(['\r', '\n', '\0']) {
            return Err(Error::invalid(&key, "value contains a line break or NUL"));
        }
        if headers.iter().take(i).any(|(h, _)| h.eq_ignore_ascii_case(k)) {
            return Err(Error::invalid(&key, "given twice"));
        }
    }
    Ok(headers)
}
