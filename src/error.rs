//! The one error type, behind the JS `ImsError` and the Rust clients alike. `error_fields!` below
//! is the one declaration of its fields: the struct, the JS names the bindings write
//! ([`Error::fields`]) and the generated TypeScript class all come from it, so a field cannot be
//! dropped on the way to JS again. Whether a failure is worth retrying is decided in `retry.rs`
//! (an `Error` built here is not retryable unless that module says so); error bodies are read in
//! `response.rs`.
//!
//! No credential ever reaches an `Error`: messages are built from our own text, the server's
//! error text, and the offending key; [`Error::redact`] removes any secret a caller knows of from
//! server-provided text as a second line of defence.

use std::fmt;

use crate::closed_enum::closed_enum;

closed_enum! {
    /// What went wrong, as the JS `ImsError.kind` names it.
    ErrorKind {
        /// A bad option, query, image id or credential, refused before anything is sent.
        InvalidArgument = "invalid-argument",
        /// The server answered with a status of 400 or above.
        Http = "http",
        /// The request could not be sent or its response not read (refused, reset, DNS, CORS, a redirect).
        Network = "network",
        /// No complete response within `timeoutMs`.
        Timeout = "timeout",
        /// The caller's `AbortSignal` fired.
        Aborted = "aborted",
        /// A 2xx response whose body is not the documented JSON.
        Parse = "parse",
        /// The server sent a marker it had sent before: following it would loop.
        Pagination = "pagination",
    }
}

/// One field's value as it crosses to JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// A string.
    Str(&'a str),
    /// A whole number.
    Int(u64),
    /// A boolean.
    Bool(bool),
    /// Not set: the JS property is absent.
    Absent,
}

/// How a field's Rust type crosses to JS: its TypeScript type and its value.
pub trait ErrorField {
    /// The TypeScript type of the property.
    const TS: &'static str;
    /// Whether the JS property may be absent.
    const OPTIONAL: bool;
    /// The value.
    fn value(&self) -> FieldValue<'_>;
}

impl ErrorField for ErrorKind {
    const TS: &'static str = "ImsErrorKind";
    const OPTIONAL: bool = false;
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Str(self.as_str())
    }
}

impl ErrorField for String {
    const TS: &'static str = "string";
    const OPTIONAL: bool = false;
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Str(self)
    }
}

impl ErrorField for Option<String> {
    const TS: &'static str = "string";
    const OPTIONAL: bool = true;
    fn value(&self) -> FieldValue<'_> {
        self.as_deref().map_or(FieldValue::Absent, FieldValue::Str)
    }
}

impl ErrorField for Option<u16> {
    const TS: &'static str = "number";
    const OPTIONAL: bool = true;
    fn value(&self) -> FieldValue<'_> {
        self.map_or(FieldValue::Absent, |n| FieldValue::Int(u64::from(n)))
    }
}

impl ErrorField for bool {
    const TS: &'static str = "boolean";
    const OPTIONAL: bool = false;
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Bool(*self)
    }
}

impl ErrorField for u32 {
    const TS: &'static str = "number";
    const OPTIONAL: bool = false;
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Int(u64::from(*self))
    }
}

/// A row of the error field table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorFieldRow {
    /// The Rust name (`request_id`).
    pub rust: &'static str,
    /// The JS name (`requestId`).
    pub js: &'static str,
    /// The TypeScript type.
    pub ts: &'static str,
    /// Whether the JS property may be absent.
    pub optional: bool,
}

macro_rules! error_fields {
    ($( $(#[doc = $doc:literal])+ $field:ident => $js:literal : $t:ty, example $example:literal; )+) => {
        /// A failure, with every field the JS `ImsError` carries.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Error {
            $( $(#[doc = $doc])+ pub $field: $t, )+
        }

        /// The fields, in declaration order: the JS names and types (the TypeScript is generated
        /// from this, and the bindings write [`Error::fields`], which follows it).
        pub const ERROR_FIELDS: &[ErrorFieldRow] = &[
            $( ErrorFieldRow { rust: stringify!($field), js: $js, ts: <$t as ErrorField>::TS, optional: <$t as ErrorField>::OPTIONAL }, )+
        ];

        /// Each field's meaning and an example, in table order (read only by the generators).
        pub const ERROR_FIELD_DOCS: &[(&str, &str)] = &[$( (concat!($($doc),+), $example), )+];

        impl Error {
            /// Every field under its JS name, in table order.
            pub fn fields(&self) -> [(&'static str, FieldValue<'_>); ERROR_FIELDS.len()] {
                [$( ($js, ErrorField::value(&self.$field)), )+]
            }
        }
    };
}

error_fields! {
    /// What went wrong (see `ImsErrorKind`).
    kind => "kind": ErrorKind, example "e.kind === 'http'";
    /// Human-readable; never holds a secret key, token or signature.
    message => "message": String, example "console.error(e.message)";
    /// The HTTP status, for kind `http` (and for a refused redirect).
    status => "status": Option<u16>, example "e.status === 429";
    /// The service error code from any documented body shape (`IMG.0027`, `APIGW.0308`, ...).
    code => "code": Option<String>, example "e.code === 'IMG.0027'";
    /// From `X-Request-Id` / `X-Openstack-Request-Id`, or the body's `request_id`: quote it to support.
    request_id => "requestId": Option<String>, example "console.error(e.requestId)";
    /// Whether a retry could help (the client already retried `maxRetries` times).
    retryable => "retryable": bool, example "if (e.retryable) later();";
    /// How many requests were made (0 when refused before sending).
    attempts => "attempts": u32, example "e.attempts === 4";
    /// For `invalid-argument`: the offending key (`limit`, `createdAt`, `extra.sort_key`, ...).
    key => "key": Option<String>, example "e.key === 'limit'";
    /// APIGW's `encoded_authorization_message` on a 403 that carries one (decode it with IAM to see
    /// the denied action).
    encoded_authorization_message => "encodedAuthorizationMessage": Option<String>, example "iam.decode(e.encodedAuthorizationMessage)";
}

impl Error {
    /// An error of `kind`, not retryable, with no request made.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            status: None,
            code: None,
            request_id: None,
            retryable: false,
            attempts: 0,
            key: None,
            encoded_authorization_message: None,
        }
    }

    /// `invalid-argument` naming `key`: the message is `key: message`.
    pub fn invalid(key: &str, message: impl AsRef<str>) -> Self {
        let mut e = Error::new(ErrorKind::InvalidArgument, crate::text::concat(&[key, ": ", message.as_ref()]));
        e.key = Some(key.to_owned());
        e
    }

    /// `parse`, for a body that is not the documented JSON.
    pub fn parse(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Parse, message)
    }

    /// The same error, saying how many requests were made.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// Replaces every occurrence of each secret (of 4 characters or more) in the text fields.
    pub fn redact(&mut self, secrets: &[&str]) {
        let fields = [Some(&mut self.message), self.code.as_mut(), self.request_id.as_mut(), self.encoded_authorization_message.as_mut()];
        for field in fields.into_iter().flatten() {
            for s in secrets.iter().filter(|s| s.len() >= 4) {
                if let Some(replaced) = replace_bytes(field, s.as_bytes(), "[redacted]") {
                    *field = replaced;
                }
            }
        }
    }
}

/// `text` with every occurrence of `needle` replaced, or `None` when there is none. Byte-wise:
/// `str`'s pattern search would bring `char` formatting and the Unicode tables into the module.
/// A whole UTF-8 needle matches only where a character starts (its first byte is never a
/// continuation byte) and ends, so each slice copied is on character boundaries.
fn replace_bytes(text: &str, needle: &[u8], with: &str) -> Option<String> {
    let hay = text.as_bytes();
    let n = needle.len();
    if n == 0 || hay.len() < n {
        return None;
    }
    let mut out = String::new();
    let (mut i, mut copied) = (0, 0);
    while i + n <= hay.len() {
        if hay.get(i..i + n) == Some(needle) {
            out.push_str(text.get(copied..i).unwrap_or_default());
            out.push_str(with);
            i += n;
            copied = i;
        } else {
            i += 1;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Some(out)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_replaces_every_occurrence_byte_wise() {
        let mut e = Error::new(ErrorKind::Http, "tok-1 and tok-1, é tok-1é");
        e.code = Some("tok-1".into());
        e.redact(&["tok-1", "abc"]);
        assert_eq!(e.message, "[redacted] and [redacted], é [redacted]é");
        assert_eq!(e.code.as_deref(), Some("[redacted]"));
        assert_eq!(replace_bytes("aaaa", b"aa", "b").as_deref(), Some("bb"));
        assert_eq!(replace_bytes("abc", b"x", "y"), None);
        assert_eq!(replace_bytes("", b"x", "y"), None);
    }

    #[test]
    fn fields_follow_the_table() {
        let e = Error::invalid("limit", "bad");
        let names: Vec<&str> = e.fields().iter().map(|(k, _)| *k).collect();
        let table: Vec<&str> = ERROR_FIELDS.iter().map(|r| r.js).collect();
        assert_eq!(names, table);
        assert_eq!(ERROR_FIELD_DOCS.len(), ERROR_FIELDS.len());
    }
}
