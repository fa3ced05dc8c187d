//! What the client reads from a response besides a good body: the request id, `Retry-After`,
//! and the service's error code and message in every body shape the official SDKs handle. Each
//! header rule is here once; the JS layer hands over the headers and reads none itself.

use crate::error::{Error, ErrorKind};
use crate::retry;
use crate::scan::{self, Members};

/// Headers a response may carry that the client reads, in the order it prefers them.
pub const REQUEST_ID_HEADERS: [&str; 2] = ["x-request-id", "x-openstack-request-id"];
/// The header that says how long to wait before retrying.
pub const RETRY_AFTER_HEADER: &str = "retry-after";

/// The first non-blank value of a header (case-insensitive name).
fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.trim().is_empty()).map(|(_, v)| v.trim())
}

/// The request id from response headers: `X-Request-Id`, else `X-Openstack-Request-Id`.
pub fn request_id_from_headers(headers: &[(String, String)]) -> Option<String> {
    REQUEST_ID_HEADERS.iter().find_map(|h| header(headers, h)).map(str::to_owned)
}

/// The `Retry-After` header's value, if any.
pub fn retry_after_header(headers: &[(String, String)]) -> Option<&str> {
    header(headers, RETRY_AFTER_HEADER)
}

/// The service's code and message, as the official SDKs find them: `error_code`/`error_msg`,
/// `errorCode`/`errorMsg`, `code`/`message` at the top level, else in a nested object such as
/// `{"error": {"code", "message"}}`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ServiceError {
    /// `IMG.0027`, `APIGW.0308`, ...
    pub code: Option<String>,
    /// The service's own text.
    pub message: Option<String>,
    /// The body's `request_id`, when it has one.
    pub request_id: Option<String>,
    /// APIGW's `encoded_authorization_message`.
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
    m.iter().any(|mb| scan::members_of(mb.value).is_some_and(|inner| find_service_error(&inner, out, depth + 1)))
}

/// The service error in a response body (all parts absent when the body is not JSON).
pub fn parse_service_error(body: &[u8]) -> ServiceError {
    let mut out = ServiceError::default();
    if let Some(m) = scan::members_of(&crate::text::decode_body(body)) {
        find_service_error(&m, &mut out, 0);
    }
    out
}

/// How much of a non-JSON body goes into a message.
const BODY_EXCERPT: usize = 300;

fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let mut cut: String = text.chars().take(BODY_EXCERPT).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    crate::text::join(cut.split_whitespace(), " ")
}

/// The error for an HTTP response with a status of 400 or above. `header_request_id` wins over
/// the body's `request_id`.
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
    e.retryable = retry::is_retryable(ErrorKind::Http, Some(status));
    e.encoded_authorization_message = svc.encoded_authorization_message;
    e
}
