//! How a request is authorised: the credential forms, and the secrets each holds (for redaction).
//! Which headers carry them is `headers.rs`'s rule; signing is `sign.rs`'s.

use crate::headers;
use crate::text::json_quote;

/// How a request is authorised. `Debug` never shows a secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// An IAM token, sent as `X-Auth-Token`.
    Token(String),
    /// An access key pair: the request is signed (SDK-HMAC-SHA256).
    AkSk {
        /// The access key id (not secret; it is in every `Authorization` header).
        access_key: String,
        /// The secret key; never sent, only used to sign.
        secret_key: String,
        /// A temporary credential's token, sent as `X-Security-Token`.
        security_token: Option<String>,
    },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Token(_) => f.write_str("Credentials::Token([redacted])"),
            Credentials::AkSk { access_key, security_token, .. } => write!(
                f,
                "Credentials::AkSk {{ access_key: {}, secret_key: [redacted], security_token: {} }}",
                json_quote(access_key),
                if security_token.is_some() { "[redacted]" } else { "None" }
            ),
        }
    }
}

impl Credentials {
    /// Every secret string, for redaction of server-provided text.
    pub fn secrets(&self) -> Vec<&str> {
        match self {
            Credentials::Token(t) => vec![t.as_str()],
            Credentials::AkSk { secret_key, security_token, .. } => {
                let mut v = vec![secret_key.as_str()];
                v.extend(security_token.as_deref());
                v
            }
        }
    }

    /// Checks every part against the header rules; errors name `key.part` (`credentials.token`)
    /// and never echo a value.
    pub fn check(&self, key: &str) -> Result<(), crate::error::Error> {
        let part = |name: &str, v: &str| {
            let k = crate::text::concat(&[key, ".", name]);
            if v.is_empty() {
                return Err(crate::error::Error::invalid(&k, "must not be empty"));
            }
            headers::check_value(&k, v)
        };
        match self {
            Credentials::Token(t) => part("token", t),
            Credentials::AkSk { access_key, secret_key, security_token } => {
                part("accessKey", access_key)?;
                headers::check_access_key(&crate::text::concat(&[key, ".accessKey"]), access_key)?;
                part("secretKey", secret_key)?;
                security_token.as_deref().map_or(Ok(()), |t| part("securityToken", t))
            }
        }
    }
}
