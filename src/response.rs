//! The error of a failed response: the service's code and message in every body shape the
//! official SDKs handle, the body's request id and APIGW's `encoded_authorization_message`, read
//! from at most [`MAX_ERROR_BODY_BYTES`] of the body. (Which headers are read is `headers.rs`'s
//! rule; whether a status is retried, `retry.rs`'s.)

use crate::error::{Error, ErrorKind};
use crate::retry;
use crate::scan::{self, Members};

/// The most of an error body the client reads: every documented error shape fits many times
/// over. A longer body still gives kind `http` with its status.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

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
    let body = body.get(..MAX_ERROR_BODY_BYTES).unwrap_or(body);
    let svc = parse_service_error(body);
    let detail = match (&svc.code, &svc.message) {
        (Some(c), Some(m)) => crate::text::concat(&[c, ": ", m]),
        (None, Some(m)) => m.clone(),
        _ if body.is_empty() => String::from("(empty body)"),
        _ => excerpt(body),
    };
    let mut e = Error::new(ErrorKind::Http, crate::text::concat(&["HTTP ", &crate::text::int_text(u64::from(status)), ": ", &detail]));
    e.status = Some(status);
    e.code = svc.code;
    e.request_id = header_request_id.or(svc.request_id);
    e.retryable = retry::is_retryable(ErrorKind::Http, Some(status));
    e.encoded_authorization_message = svc.encoded_authorization_message;
    e
}
