//! The one error type behind the JS `ImsError`. This module is a leaf: reading service error
//! bodies lives in `response.rs`, and whether a failure is worth retrying is decided in
//! `retry.rs` (an `Error` built here is not retryable unless that module says so).
//!
//! No credential ever reaches an `Error`: messages are built from our own text, the server's
//! error text, and the offending key; [`Error::redact`] removes any secret a caller knows of from
//! server-provided text as a second line of defence.

use std::fmt;

use crate::named::named_enum;

named_enum! {
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

/// A failure, with every field the JS `ImsError` carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// Human-readable; never holds a secret.
    pub message: String,
    /// HTTP status, for kind `http`.
    pub status: Option<u16>,
    /// Service error code (`IMG.0027`, `APIGW.0308`, ...).
    pub code: Option<String>,
    /// From `X-Request-Id` / `X-Openstack-Request-Id`, or the body's `request_id`.
    pub request_id: Option<String>,
    /// Whether retrying could help (decided by `retry::is_retryable`).
    pub retryable: bool,
    /// How many requests were made.
    pub attempts: u32,
    /// For `invalid-argument`: the offending key (`limit`, `createdAt`, `extra.sort_key`, ...).
    pub key: Option<String>,
    /// APIGW's `encoded_authorization_message`, when a 403 carries one.
    pub encoded_authorization_message: Option<String>,
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
    pub fn invalid(key: &str, message: impl fmt::Display) -> Self {
        let mut e = Error::new(ErrorKind::InvalidArgument, format!("{key}: {message}"));
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
