//! The header rules, each stated once: which headers carry credentials (set from `credentials`
//! only, redacted from `Debug`, their values scrubbed from errors), what a header name may be
//! (an RFC 9110 token), what a header value may hold, and which response headers the client
//! reads (the request id, `Retry-After`).

use crate::error::Error;

/// Headers that carry credentials (lower-case).
pub const SECRET_HEADERS: [&str; 3] = ["authorization", "x-auth-token", "x-security-token"];

/// Response headers that carry the request id, in the order the client prefers them.
pub const REQUEST_ID_HEADERS: [&str; 2] = ["x-request-id", "x-openstack-request-id"];

/// The response header that says how long to wait before retrying.
pub const RETRY_AFTER_HEADER: &str = "retry-after";

/// Whether a header carries credentials (any letter case).
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s))
}

/// A header name: an RFC 9110 token.
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A header name, else an error naming `key`.
pub fn check_name(key: &str, name: &str) -> Result<(), Error> {
    if is_token(name) {
        Ok(())
    } else {
        Err(Error::invalid(key, "is not a valid header name"))
    }
}

/// A control character (U+0000 to U+001F, U+007F). Control characters are ASCII, and no byte of
/// a multi-byte UTF-8 sequence is.
fn has_control_char(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_control())
}

/// A character above U+00FF, which no header can carry (fetch's headers are Latin-1 byte
/// strings). In UTF-8 such a character starts with a byte of 0xC4 or more, and nothing else does.
fn beyond_latin1(s: &str) -> bool {
    s.bytes().any(|b| b >= 0xC4)
}

/// A value that may travel in a header (a token, a key, a project id, a header value), else an
/// error naming `key` that never echoes the value.
pub fn check_value(key: &str, value: &str) -> Result<(), Error> {
    if has_control_char(value) {
        return Err(Error::invalid(key, "contains a control character (U+0000 to U+001F or U+007F)"));
    }
    if beyond_latin1(value) {
        return Err(Error::invalid(key, "contains a character above U+00FF, which no HTTP header can carry"));
    }
    Ok(())
}

/// An access key: ASCII letters and digits only, as access keys are made. Anything else could
/// change the meaning of the `Authorization` header it goes into (`AK, Signature=forged`).
pub fn check_access_key(key: &str, ak: &str) -> Result<(), Error> {
    if ak.is_empty() || !ak.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::invalid(key, "an access key is made of ASCII letters and digits only"));
    }
    Ok(())
}

/// The first non-blank value of a header (any letter case), trimmed.
pub fn find<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.trim().is_empty()).map(|(_, v)| v.trim())
}

/// The request id from response headers: `X-Request-Id`, else `X-Openstack-Request-Id`.
pub fn request_id(headers: &[(String, String)]) -> Option<String> {
    REQUEST_ID_HEADERS.iter().find_map(|h| find(headers, h)).map(str::to_owned)
}

/// The `Retry-After` header's value, if any.
pub fn retry_after(headers: &[(String, String)]) -> Option<&str> {
    find(headers, RETRY_AFTER_HEADER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_values_and_response_headers() {
        assert!(is_secret_header("X-Auth-Token") && !is_secret_header("X-Project-Id"));
        assert!(is_token("X-Sdk-Date") && !is_token("X A") && !is_token("Bad:Name") && !is_token(""));
        assert_eq!(check_value("k", "a\r\nb").unwrap_err().key.as_deref(), Some("k"));
        assert!(check_value("k", "café ÿ ok").is_ok(), "Latin-1 travels");
        assert_eq!(check_value("k", "zh-中").unwrap_err().key.as_deref(), Some("k"));
        assert!(check_value("k", "\u{100}").is_err() && check_value("k", "\u{1F600}").is_err());
        assert!(check_access_key("k", "AKTEST0123").is_ok());
        for bad in ["AK, Signature=forged", "AK=", "", "AK\u{e9}"] {
            assert!(check_access_key("k", bad).is_err(), "{bad}");
        }
        let hs = vec![("X-Openstack-Request-Id".to_owned(), "os".to_owned()), ("x-request-id".to_owned(), "  ".to_owned())];
        assert_eq!(request_id(&hs).as_deref(), Some("os"), "a blank X-Request-Id is skipped");
    }
}
