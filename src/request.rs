//! Building the exact request for each operation: endpoint (from a region or a base URL that may
//! carry a path prefix), path with the image id encoded as one segment, the sorted query,
//! and headers (project id, token, or an SDK-HMAC-SHA256 signature).

use crate::error::Error;
use crate::query::input::Input;
use crate::query::Query;
use crate::sign::{self, SignRequest};
use crate::url::Url;
use crate::{percent, GlanceListImagesQuery, ListImagesQuery};

/// The IMS regions (as the official SDK lists them), and their endpoints.
pub const REGIONS: &[(&str, &str)] = &[
    ("af-south-1", "https://ims.af-south-1.myhuaweicloud.com"),
    ("cn-north-4", "https://ims.cn-north-4.myhuaweicloud.com"),
    ("cn-north-1", "https://ims.cn-north-1.myhuaweicloud.com"),
    ("cn-east-2", "https://ims.cn-east-2.myhuaweicloud.com"),
    ("cn-east-3", "https://ims.cn-east-3.myhuaweicloud.com"),
    ("cn-south-1", "https://ims.cn-south-1.myhuaweicloud.com"),
    ("cn-southwest-2", "https://ims.cn-southwest-2.myhuaweicloud.com"),
    ("ap-southeast-2", "https://ims.ap-southeast-2.myhuaweicloud.com"),
    ("ap-southeast-1", "https://ims.ap-southeast-1.myhuaweicloud.com"),
    ("ap-southeast-3", "https://ims.ap-southeast-3.myhuaweicloud.com"),
    ("cn-north-2", "https://ims.cn-north-2.myhuaweicloud.com"),
    ("cn-south-2", "https://ims.cn-south-2.myhuaweicloud.com"),
    ("cn-north-9", "https://ims.cn-north-9.myhuaweicloud.com"),
    ("la-south-2", "https://ims.la-south-2.myhuaweicloud.com"),
    ("sa-brazil-1", "https://ims.sa-brazil-1.myhuaweicloud.com"),
    ("la-north-2", "https://ims.la-north-2.myhuaweicloud.com"),
    ("na-mexico-1", "https://ims.na-mexico-1.myhuaweicloud.com"),
    ("ap-southeast-4", "https://ims.ap-southeast-4.myhuaweicloud.com"),
    ("cn-south-4", "https://ims.cn-south-4.myhuaweicloud.com"),
    ("tr-west-1", "https://ims.tr-west-1.myhuaweicloud.com"),
    ("me-east-1", "https://ims.me-east-1.myhuaweicloud.com"),
    ("ae-ad-1", "https://ims.ae-ad-1.myhuaweicloud.com"),
    ("eu-west-101", "https://ims.eu-west-101.myhuaweicloud.eu"),
    ("cn-east-5", "https://ims.cn-east-5.myhuaweicloud.com"),
    ("eu-west-0", "https://ims.eu-west-0.myhuaweicloud.com"),
    ("my-kualalumpur-1", "https://ims.my-kualalumpur-1.myhuaweicloud.com"),
];

/// The documented default page sizes, used to tell whether a page without paging signals is full.
pub const CLOUDIMAGES_DEFAULT_LIMIT: u64 = 500;
pub const GLANCE_DEFAULT_LIMIT: u64 = 25;

/// A base URL without a trailing slash: `https://host[:port][/prefix]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
    origin: String,
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
                    Endpoint::parse(&format!("https://ims.{r}.myhuaweicloud.com"))
                }
                None => Err(Error::invalid("region", format!("{r:?} is not a region id"))),
            },
            (None, None) => Err(Error::invalid("endpoint", "one of region or endpoint is required")),
        }
    }

    pub fn parse(s: &str) -> Result<Endpoint, Error> {
        let url = Url::parse("endpoint", s.trim())?;
        if !url.query.is_empty() {
            return Err(Error::invalid("endpoint", "must not carry a query"));
        }
        let prefix = url.path.trim_end_matches('/');
        let origin = url.origin();
        Ok(Endpoint { base: format!("{origin}{prefix}"), origin })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `scheme://host[:port]`; the paginator never sends a request anywhere else.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// The three operations.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    ListImages(ListImagesQuery),
    GlanceListImages(GlanceListImagesQuery),
    GlanceShowImage(String),
}

impl Operation {
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
            "listImages" => Ok(Operation::ListImages(ListImagesQuery::from_input(arg)?)),
            "glanceListImages" => Ok(Operation::GlanceListImages(GlanceListImagesQuery::from_input(arg)?)),
            "glanceShowImage" => match arg {
                Input::Str(id) if !id.is_empty() => Ok(Operation::GlanceShowImage(id.clone())),
                Input::Str(_) => Err(Error::invalid("imageId", "must not be empty")),
                other => Err(Error::invalid("imageId", format!("expected a string, got {}", other.type_name()))),
            },
            other => Err(Error::invalid("operation", format!("{other:?} is not listImages, glanceListImages or glanceShowImage"))),
        }
    }

    /// Path and query, relative to the endpoint base.
    pub fn path_and_query(&self) -> Result<String, Error> {
        let (path, query) = match self {
            Operation::ListImages(q) => ("/v2/cloudimages".to_owned(), q.to_query_string()),
            Operation::GlanceListImages(q) => ("/v2/images".to_owned(), q.to_query_string()),
            Operation::GlanceShowImage(id) => {
                if id.is_empty() {
                    return Err(Error::invalid("imageId", "must not be empty"));
                }
                (format!("/v2/images/{}", percent::encode(id)), String::new())
            }
        };
        Ok(if query.is_empty() { path } else { format!("{path}?{query}") })
    }

    /// The page size in effect, to tell whether a page is full.
    pub fn effective_limit(&self) -> Option<u64> {
        match self {
            Operation::ListImages(q) => Some(q.limit.unwrap_or(CLOUDIMAGES_DEFAULT_LIMIT)),
            Operation::GlanceListImages(q) => Some(q.limit.unwrap_or(GLANCE_DEFAULT_LIMIT)),
            Operation::GlanceShowImage(_) => None,
        }
    }
}

/// How a request is authorised. `Debug` never shows a secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    Token(String),
    AkSk { access_key: String, secret_key: String, security_token: Option<String> },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Token(_) => f.write_str("Credentials::Token([redacted])"),
            Credentials::AkSk { access_key, security_token, .. } => write!(
                f,
                "Credentials::AkSk {{ access_key: {:?}, secret_key: [redacted], security_token: {} }}",
                access_key,
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
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
}

const SECRET_HEADERS: [&str; 3] = ["authorization", "x-auth-token", "x-security-token"];

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
    pub project_id: Option<&'a str>,
    pub credentials: Option<&'a Credentials>,
    pub headers: &'a [(String, String)],
    /// `yyyyMMddTHHmmssZ`, for signing.
    pub sdk_date: Option<&'a str>,
}

pub fn build(endpoint: &Endpoint, op: &Operation, opts: &RequestOptions<'_>) -> Result<HttpRequest, Error> {
    let url = format!("{}{}", endpoint.base(), op.path_and_query()?);
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
            let signed = sign::sign(&SignRequest {
                method: "GET",
                url: &url,
                headers: &headers,
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
