//! Building the exact request for each operation: the path (the image id encoded as one
//! segment), the sorted query, and the headers (project id, token, or an SDK-HMAC-SHA256
//! signature); and what every transport must do with it, redirects included.

use crate::auth::Credentials;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::headers;
use crate::percent;
use crate::query::{GlanceListImagesQuery, ListImagesQuery, Query, QueryValues};
use crate::sign::{self, SignRequest};
use crate::text::{concat, json_quote};

/// The documented default page size of `GET /v2/cloudimages`, used to tell whether a page
/// without paging signals is full.
pub const CLOUDIMAGES_DEFAULT_LIMIT: u64 = 500;
/// The default page size of `GET /v2/images` (Glance's).
pub const GLANCE_DEFAULT_LIMIT: u64 = 25;

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
            Err(Error::invalid("imageId", concat(&[&json_quote(id), " is not an image id (a URL would resolve it to another path)"])))
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

/// What a transport does with a redirect: never follow it. A 3xx answer is handed back as the
/// response (fetch's `redirect: 'manual'`), and the client loop refuses it: a redirect could carry
/// the credential headers to another host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redirect {
    /// Do not follow; report the 3xx response (or, where the runtime hides it, a redirect failure).
    Manual,
}

impl Redirect {
    /// The name fetch gives the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Redirect::Manual => "manual",
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
    /// Never follow a redirect (every transport is held to it by a test).
    pub redirect: Redirect,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> =
            self.headers.iter().map(|(k, v)| (k.as_str(), if headers::is_secret_header(k) { "[redacted]" } else { v.as_str() })).collect();
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
        if headers::is_secret_header(k) {
            return Err(Error::invalid("headers", concat(&[k, " is set from credentials, not headers"])));
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
    Ok(HttpRequest { method: "GET", url, headers, redirect: Redirect::Manual })
}
