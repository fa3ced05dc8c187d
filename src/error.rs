//! The one error type behind the JS `ImsError`, and the reading of service error responses in
//! every body shape the official SDKs handle.
//!
//! No credential ever reaches an `Error`: messages are built from our own text, the server's
//! error text, and the offending query key; [`Error::redact`] removes any secret a caller knows
//! of from server-provided text as a second line of defence.

use std::fmt;

use crate::scan::{self, Members};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    InvalidArgument,
    Http,
    Network,
    Timeout,
    Aborted,
    Parse,
    Pagination,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid-argument",
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Parse => "parse",
            ErrorKind::Pagination => "pagination",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// HTTP status, for kind `http`.
    pub status: Option<u16>,
    /// Service error code (`IMG.0027`, `APIGW.0308`, ...).
    pub code: Option<String>,
    /// From `X-Request-Id` / `X-Openstack-Request-Id`, or the body's `request_id`.
    pub request_id: Option<String>,
    /// Whether retrying could help.
    pub retryable: bool,
    /// How many requests were made.
    pub attempts: u32,
    /// For `invalid-argument`: the offending key (`limit`, `createdAt`, `extra.sort_key`, ...).
    pub key: Option<String>,
    /// APIGW's `encoded_authorization_message`, when a 403 carries one.
    pub encoded_authorization_message: Option<String>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            status: None,
            code: None,
            request_id: None,
            retryable: matches!(kind, ErrorKind::Network | ErrorKind::Timeout),
            attempts: 0,
            key: None,
            encoded_authorization_message: None,
        }
    }

    pub fn invalid(key: &str, message: impl fmt::Display) -> Self {
        let mut e = Error::new(ErrorKind::InvalidArgument, format!("{key}: {message}"));
        e.key = Some(key.to_owned());
        e
    }

    pub fn parse(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Parse, message)
    }

    /// Replaces every occurrence of each secret (of 4 characters or more) in the text fields.
    pub fn redact(&mut self, secrets: &[&str]) {
        let fields = [Some(&mut self.message), self.code.as_mut(), self.request_id.as_mut(), self.encoded_authorization_message.as_mut()];
        for field in fields.into_iter().flatten() {
            for s in secrets.iter().filter(|s| s.len() >= 4) {
                if field.contains(s) {
                    *field = field.replace(s, "[redacted]");
                }
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Statuses worth retrying: 429 and the transient 5xx.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// How much of a non-JSON body goes into a message.
const BODY_EXCERPT: usize = 300;

/// The request id from response headers (case-insensitive), `X-Request-Id` first.
pub fn request_id_from_headers<'h>(headers: impl IntoIterator<Item = (&'h str, &'h str)> + Clone) -> Option<String> {
    for wanted in ["x-request-id", "x-openstack-request-id"] {
        if let Some((_, v)) = headers.clone().into_iter().find(|(k, _)| k.eq_ignore_ascii_case(wanted)) {
            if !v.trim().is_empty() {
                return Some(v.trim().to_owned());
            }
        }
    }
    None
}

/// The service's code and message, as the official SDKs find them: `error_code`/`error_msg`,
/// `errorCode`/`errorMsg`, `code`/`message` at the top level, else in a nested object such as
/// `{"error": {"code", "message"}}`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ServiceError {
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub encoded_authorization_message: Option<String>,
}

fn scalar_text(raw: &str) -> Option<String> {
    if raw.starts_with('"') {
        scan::raw_str(raw).map(|s| s.into_owned())
    } else if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        Some(raw.to_owned())
    } else {
        None
    }
}

fn find_service_error(m: &Members<'_>, out: &mut ServiceError, depth: u8) -> bool {
    if out.encoded_authorization_message.is_none() {
        out.encoded_authorization_message = scan::get(m, "encoded_authorization_message").and_then(scalar_text);
    }
    if out.request_id.is_none() {
        out.request_id = scan::get(m, "request_id").and_then(scalar_text);
    }
    for (ck, mk) in [("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message")] {
        if let (Some(c), Some(msg)) = (scan::get(m, ck), scan::get(m, mk)) {
            out.code = scalar_text(c);
            out.message = scalar_text(msg);
            return true;
        }
    }
    if depth >= 4 {
        return false;
    }
    m.iter().any(|(_, v)| scan::members_of(v).is_some_and(|inner| find_service_error(&inner, out, depth + 1)))
}

pub fn parse_service_error(body: &[u8]) -> ServiceError {
    let mut out = ServiceError::default();
    if let Some(m) = std::str::from_utf8(body).ok().and_then(scan::members_of) {
        find_service_error(&m, &mut out, 0);
    }
    out
}

fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let mut cut: String = text.chars().take(BODY_EXCERPT).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The error for an HTTP response with a status of 400 or above.
pub fn http_error(status: u16, body: &[u8], header_request_id: Option<String>) -> Error {
    let svc = parse_service_error(body);
    let detail = match (&svc.code, &svc.message) {
        (Some(c), Some(m)) => format!("{c}: {m}"),
        (None, Some(m)) => m.clone(),
        _ if body.is_empty() => String::from("(empty body)"),
        _ => excerpt(body),
    };
    let mut e = Error::new(ErrorKind::Http, format!("HTTP {status}: {detail}"));
    e.status = Some(status);
    e.code = svc.code;
    e.request_id = header_request_id.or(svc.request_id);
    e.retryable = is_retryable_status(status);
    e.encoded_authorization_message = svc.encoded_authorization_message;
    e
}
