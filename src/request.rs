//! Building the exact request for each operation: endpoint (from a region or a base URL that may
//! carry a path prefix), path with the image id encoded as one segment, the sorted query,
//! and headers (project id, token, or an SDK-HMAC-SHA256 signature).

use crate::error::Error;
use crate::query::input::Input;
use crate::query::{Query, QueryValues};
use crate::regions::REGIONS;
use crate::sign::{self, SignRequest};
use crate::text::{concat, json_quote};
use crate::url::Url;
use crate::{percent, GlanceListImagesQuery, ListImagesQuery};

/// The documented default page size of `GET /v2/cloudimages`, used to tell whether a page
/// without paging signals is full.
pub const CLOUDIMAGES_DEFAULT_LIMIT: u64 = 500;
/// The default page size of `GET /v2/images` (Glance's).
pub const GLANCE_DEFAULT_LIMIT: u64 = 25;

/// A base URL without a trailing slash: `https://host[:port][/prefix]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
    origin: String,
    https: bool,
    loopback: bool,
}

impl Endpoint {
    /// `endpoint` wins over `region`; one of the two is required.
    pub fn new(region: Option<&str>, endpoint: Option<&str>) -> Result<Endpoint, Error> {
        match (endpoint, region) {
            (Some(e), _) => Endpoint::parse(e),
            (None, Some(r)) => match REGIONS.iter().find(|(id, _)| *id == r) {
                Some((_, url)) => Endpoint::parse(url),
                // A region this version does not list still follows the documented pattern.
                None if !r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') => {
                    Endpoint::parse(&concat(&["https://ims.", r, ".myhuaweicloud.com"]))
                }
                None => Err(Error::invalid("region", format!("{} is not a region id", json_quote(r)))),
            },
            (None, None) => Err(Error::invalid("endpoint", "one of region or endpoint is required")),
        }
    }

    /// A base URL given as text.
    pub fn parse(s: &str) -> Result<Endpoint, Error> {
        let url = Url::parse("endpoint", s.trim())?;
        if !url.query.is_empty() {
            return Err(Error::invalid("endpoint", "must not carry a query"));
        }
        let prefix = url.path.trim_end_matches('/');
        let origin = url.origin();
        Ok(Endpoint { base: concat(&[&origin, prefix]), origin, https: url.scheme == "https", loopback: is_loopback_host(url.hostname()) })
    }

    /// Whether requests go over TLS.
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// Whether the host is loopback (`localhost`, `127.0.0.0/8`, `[::1]`): plain http there
    /// cannot be read by anyone else.
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// `scheme://host[:port][/prefix]`, no trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `scheme://host[:port]`; the paginator never sends a request anywhere else.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// `localhost`, an IPv4 address in 127.0.0.0/8, or `[::1]`.
fn is_loopback_host(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()) && o.parse::<u16>().is_ok_and(|n| n <= 255))
}

/// The three operations, with their validated arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// `GET /v2/cloudimages`
    ListImages(QueryValues),
    /// `GET /v2/images`
    GlanceListImages(QueryValues),
    /// `GET /v2/images/{image_id}`
    GlanceShowImage(String),
}

impl From<ListImagesQuery> for Operation {
    fn from(q: ListImagesQuery) -> Operation {
        Operation::ListImages(q.to_values())
    }
}

impl From<GlanceListImagesQuery> for Operation {
    fn from(q: GlanceListImagesQuery) -> Operation {
        Operation::GlanceListImages(q.to_values())
    }
}

/// An image id that can travel as one path segment: not empty, `.` or `..` (a URL parser would
/// turn the last two into a different path).
pub fn check_image_id(id: &str) -> Result<(), Error> {
    match id {
        "" => Err(Error::invalid("imageId", "must not be empty")),
        "." | ".." => {
            Err(Error::invalid("imageId", format!("{} is not an image id (a URL would resolve it to another path)", json_quote(id))))
        }
        _ => Ok(()),
    }
}

impl Operation {
    /// The operation's name, as the official SDKs spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Operation::ListImages(_) => ListImagesQuery::OPERATION,
            Operation::GlanceListImages(_) => GlanceListImagesQuery::OPERATION,
            Operation::GlanceShowImage(_) => "glanceShowImage",
        }
    }

    /// The operation named `name` with its argument as it arrived from JS: a query object for
    /// the lists, an image id for `glanceShowImage`.
    pub fn from_input(name: &str, arg: &Input) -> Result<Operation, Error> {
        match name {
            "listImages" => Ok(Operation::ListImages(QueryValues::from_input(ListImagesQuery::OPERATION, ListImagesQuery::PARAMS, arg)?)),
            "glanceListImages" => Ok(Operation::GlanceListImages(QueryValues::from_input(
                GlanceListImagesQuery::OPERATION,
                GlanceListImagesQuery::PARAMS,
                arg,
            )?)),
            "glanceShowImage" => match arg {
                Input::Str(id) => check_image_id(id).map(|()| Operation::GlanceShowImage(id.clone())),
                other => Err(Error::invalid("imageId", format!("expected a string, got {}", other.type_name()))),
            },
            other => {
                Err(Error::invalid("operation", format!("{} is not listImages, glanceListImages or glanceShowImage", json_quote(other))))
            }
        }
    }

    /// Path and query, relative to the endpoint base.
    pub fn path_and_query(&self) -> Result<String, Error> {
        let (path, query) = match self {
            Operation::ListImages(q) => ("/v2/cloudimages".to_owned(), q.to_query_string()),
            Operation::GlanceListImages(q) => ("/v2/images".to_owned(), q.to_query_string()),
            Operation::GlanceShowImage(id) => {
                check_image_id(id)?;
                (concat(&["/v2/images/", &percent::encode(id)]), String::new())
            }
        };
        Ok(if query.is_empty() { path } else { concat(&[&path, "?", &query]) })
    }

    /// The page size in effect, to tell whether a page is full.
    pub fn effective_limit(&self) -> Option<u64> {
        match self {
            Operation::ListImages(q) => Some(q.limit().unwrap_or(CLOUDIMAGES_DEFAULT_LIMIT)),
            Operation::GlanceListImages(q) => Some(q.limit().unwrap_or(GLANCE_DEFAULT_LIMIT)),
            Operation::GlanceShowImage(_) => None,
        }
    }
}

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
}

/// A request ready to send. `Debug` redacts credential headers.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Always `GET` for these operations.
    pub method: &'static str,
    /// The absolute URL, query encoded as signed.
    pub url: String,
    /// Every header to send (`Host` is the transport's).
    pub headers: Vec<(String, String)>,
}

/// Headers that carry credentials: set from `credentials` only, and redacted in `Debug`.
pub const SECRET_HEADERS: [&str; 3] = ["authorization", "x-auth-token", "x-security-token"];

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let secret = SECRET_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s));
                (k.as_str(), if secret { "[redacted]" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("HttpRequest").field("method", &self.method).field("url", &self.url).field("headers", &headers).finish()
    }
}

/// Everything but the operation that shapes a request.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions<'a> {
    /// Sent as `X-Project-Id`.
    pub project_id: Option<&'a str>,
    /// How the request is authorised.
    pub credentials: Option<&'a Credentials>,
    /// Extra headers.
    pub headers: &'a [(String, String)],
    /// `yyyyMMddTHHmmssZ`, for signing.
    pub sdk_date: Option<&'a str>,
}

/// The exact request for `op`.
pub fn build(endpoint: &Endpoint, op: &Operation, opts: &RequestOptions<'_>) -> Result<HttpRequest, Error> {
    let url = concat(&[endpoint.base(), &op.path_and_query()?]);
    let mut headers: Vec<(String, String)> = Vec::with_capacity(opts.headers.len() + 5);
    headers.push(("Accept".to_owned(), "application/json".to_owned()));
    for (k, v) in opts.headers {
        if SECRET_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s)) {
            return Err(Error::invalid("headers", format!("{k} is set from credentials, not headers")));
        }
        match headers.iter_mut().find(|(h, _)| h.eq_ignore_ascii_case(k)) {
            Some(slot) => slot.1 = v.clone(),
            None => headers.push((k.clone(), v.clone())),
        }
    }
    if let Some(p) = opts.project_id {
        headers.retain(|(h, _)| !h.eq_ignore_ascii_case("x-project-id"));
        headers.push(("X-Project-Id".to_owned(), p.to_owned()));
    }
    match opts.credentials {
        None => {}
        Some(Credentials::Token(t)) => headers.push(("X-Auth-Token".to_owned(), t.clone())),
        Some(Credentials::AkSk { access_key, secret_key, security_token }) => {
            if let Some(t) = security_token {
                headers.push(("X-Security-Token".to_owned(), t.clone()));
            }
            let borrowed: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let signed = sign::sign(&SignRequest {
                method: "GET",
                url: &url,
                headers: &borrowed,
                body: &[],
                access_key,
                secret_key,
                date: opts.sdk_date,
            })?;
            headers = signed.headers;
        }
    }
    Ok(HttpRequest { method: "GET", url, headers })
}
