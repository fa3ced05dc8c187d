//! Client options, validated from the neutral `Input` the bindings hand over, and the security
//! rules that apply before anything is sent. Functions (a `fetch`, a credentials provider)
//! arrive as `Input::Other("function")`: the bindings keep the function itself; here we only
//! check that it is one.

use crate::error::Error;
use crate::query::input::Input;
use crate::request::{Credentials, Endpoint, SECRET_HEADERS};

/// Per-attempt timeout when none is given.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// Retries after the first attempt when none is given.
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// The longest timer a JS engine runs reliably (2^31 - 1 ms).
const MAX_TIMEOUT_MS: i64 = 2_147_483_647;
const MAX_RETRIES_CAP: i64 = 20;

/// Where credentials come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    /// No auth header (a proxy adds it).
    None,
    /// Given once, used for every request.
    Static(Credentials),
    /// A function asked before each request (held by the bindings).
    Provider,
}

/// Validated client options.
#[derive(Debug, Clone)]
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
    /// Whether a custom `fetch` was given (held by the bindings).
    pub custom_fetch: bool,
    /// Extra headers on every request.
    pub headers: Vec<(String, String)>,
}

fn is_function(v: &Input) -> bool {
    matches!(v, Input::Other(t) if t == "function")
}

/// A control character (U+0000 to U+001F, U+007F): never allowed in a header value.
pub fn has_control_char(s: &str) -> bool {
    // Control characters are ASCII, and no byte of a multi-byte UTF-8 sequence is.
    s.bytes().any(|b| b.is_ascii_control())
}

/// A string that will travel in a header: no control characters, errors naming `key`.
pub fn header_safe(key: &str, v: &Input) -> Result<String, Error> {
    let s = v.string(key)?;
    if has_control_char(&s) {
        return Err(Error::invalid(key, "contains a control character (U+0000 to U+001F or U+007F)"));
    }
    Ok(s)
}

/// `timeoutMs`: a positive integer number of milliseconds, at most 2^31 - 1.
pub fn timeout_from_input(key: &str, v: &Input) -> Result<u32, Error> {
    match v {
        Input::Int(n) if (1..=MAX_TIMEOUT_MS).contains(n) => u32::try_from(*n).map_err(|_| Error::invalid(key, "out of range")),
        Input::Int(_) | Input::Number(_) => Err(Error::invalid(
            key,
            format!("expected a positive integer of at most 2147483647, got {}", v.number_text().unwrap_or_default()),
        )),
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
            let name = || crate::text::concat(&[key, ".", k]);
            let s = header_safe(&name(), v)?;
            if s.is_empty() {
                return Err(Error::invalid(&name(), "must not be empty"));
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
    /// Validates the options object; every error names its key.
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
        let mut allow_insecure_http = false;
        for (k, v) in members {
            if matches!(v, Input::Absent) {
                continue;
            }
            match k.as_str() {
                "region" => region = Some(v.string(k)?),
                "endpoint" => endpoint = Some(v.string(k)?),
                "projectId" => project_id = Some(header_safe(k, v)?).filter(|p| !p.is_empty()),
                "credentials" if is_function(v) => credentials = CredentialSource::Provider,
                "credentials" => credentials = CredentialSource::Static(Credentials::from_input(k, v)?),
                "timeoutMs" => timeout_ms = timeout_from_input(k, v)?,
                "maxRetries" => {
                    max_retries = match v {
                        Input::Int(n) if (0..=MAX_RETRIES_CAP).contains(n) => u32::try_from(*n).unwrap_or(DEFAULT_MAX_RETRIES),
                        _ => return Err(Error::invalid(k, "expected an integer from 0 to 20")),
                    }
                }
                "fetch" if is_function(v) => custom_fetch = true,
                "fetch" => return Err(Error::invalid(k, format!("expected a function, got {}", v.type_name()))),
                "headers" => headers = headers_from_input(v)?,
                "allowInsecureHttp" => match v {
                    Input::Bool(b) => allow_insecure_http = *b,
                    other => return Err(Error::invalid(k, format!("expected a boolean, got {}", other.type_name()))),
                },
                other => return Err(Error::invalid(other, "unknown client option")),
            }
        }
        let endpoint = Endpoint::new(region.as_deref(), endpoint.as_deref())?;
        if credentials != CredentialSource::None && !endpoint.is_https() && !endpoint.is_loopback() && !allow_insecure_http {
            return Err(Error::invalid(
                "endpoint",
                "credentials would travel in clear text: use an https endpoint (plain http is allowed only to loopback), or set allowInsecureHttp: true",
            ));
        }
        Ok(ClientConfig { endpoint, project_id, credentials, timeout_ms, max_retries, custom_fetch, headers })
    }
}

/// A header name: an RFC 9110 token.
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn headers_from_input(v: &Input) -> Result<Vec<(String, String)>, Error> {
    let Input::Object(members) = v else {
        return Err(Error::invalid("headers", format!("expected an object of strings, got {}", v.type_name())));
    };
    let mut headers: Vec<(String, String)> = Vec::with_capacity(members.len());
    for (k, value) in members {
        if matches!(value, Input::Absent) {
            continue;
        }
        let key = crate::text::concat(&["headers.", k]);
        if !is_token(k) {
            return Err(Error::invalid(&key, "is not a valid header name"));
        }
        if SECRET_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s)) {
            return Err(Error::invalid(&key, "is set from credentials, not headers"));
        }
        if headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(k)) {
            return Err(Error::invalid(&key, "given twice"));
        }
        headers.push((k.clone(), header_safe(&key, value)?));
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(json: &str) -> Result<ClientConfig, Error> {
        ClientConfig::from_input(&Input::from_json_text(json).unwrap())
    }

    #[test]
    fn credentials_over_plain_http_only_to_loopback() {
        let creds = r#""credentials":{"token":"t"}"#;
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1",
            "http://127.9.8.7:1/p",
            "http://[::1]:9",
            "https://example.com",
            "HTTP://LOCALHOST",
        ] {
            assert!(opts(&format!(r#"{{"endpoint":"{ok}",{creds}}}"#)).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://128.0.0.1",
            "http://localhost.evil.com",
            "http://127.0.0.1.evil.com",
            "http://[::2]",
            "http://10.0.0.1",
        ] {
            let e = opts(&format!(r#"{{"endpoint":"{bad}",{creds}}}"#)).unwrap_err();
            assert_eq!(e.key.as_deref(), Some("endpoint"), "{bad}");
            assert!(opts(&format!(r#"{{"endpoint":"{bad}",{creds},"allowInsecureHttp":true}}"#)).is_ok(), "{bad}");
            assert!(opts(&format!(r#"{{"endpoint":"{bad}"}}"#)).is_ok(), "no credentials: {bad}");
        }
        let provider = r#"{"endpoint":"http://example.com","credentials":{"\u0000":["other","function"]}}"#;
        assert_eq!(opts(provider).unwrap_err().key.as_deref(), Some("endpoint"));
    }

    #[test]
    fn control_characters_are_refused_naming_the_key() {
        let base = r#""endpoint":"https://h""#;
        for (json, key) in [
            (r#""credentials":{"token":"a\r\nb"}"#, "credentials.token"),
            (r#""credentials":{"accessKey":"a\u0000","secretKey":"s"}"#, "credentials.accessKey"),
            (r#""credentials":{"accessKey":"a","secretKey":"s\u007f"}"#, "credentials.secretKey"),
            (r#""credentials":{"accessKey":"a","secretKey":"s","securityToken":"x\ty"}"#, "credentials.securityToken"),
            (r#""projectId":"p\n""#, "projectId"),
            (r#""headers":{"X-A":"v\u001f"}"#, "headers.X-A"),
            (r#""headers":{"X A":"v"}"#, "headers.X A"),
            (r#""headers":{"x-auth-token":"v"}"#, "headers.x-auth-token"),
        ] {
            let e = opts(&format!("{{{base},{json}}}")).unwrap_err();
            assert_eq!(e.key.as_deref(), Some(key), "{json}");
            assert!(!e.message.contains("a\r\nb"));
        }
    }
}
