//! Where requests go: a base URL from an `endpoint` (which may carry a path prefix, as a console's
//! proxy does) or from a region id, and what the security rules need to know of it (TLS or not,
//! loopback or not, its origin).

use crate::error::Error;
use crate::regions;
use crate::text::{concat, json_quote};
use crate::url::Url;

/// A base URL without a trailing slash: `https://host[:port][/prefix]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
    origin: String,
    https: bool,
    loopback: bool,
}

impl Endpoint {
    /// `endpoint` wins over `region`; one of the two is required. A path-absolute endpoint
    /// (`/api/ims`, a console's same-origin proxy) resolves against `origin`, the page's, when
    /// there is one.
    pub fn new(region: Option<&str>, endpoint: Option<&str>, origin: Option<&str>) -> Result<Endpoint, Error> {
        match (endpoint, region) {
            (Some(e), _) if e.starts_with('/') && !e.starts_with("//") => match origin {
                Some(o) => {
                    let page = Url::parse("origin", o)?;
                    Endpoint::parse(&concat(&[&page.origin(), e]))
                }
                None => Err(Error::invalid(
                    "endpoint",
                    "a path-absolute endpoint resolves against a page's origin, and there is no page here: give an absolute http(s) URL",
                )),
            },
            (Some(e), _) => Endpoint::parse(e),
            (None, Some(r)) => match regions::endpoint_of(r) {
                Some(url) => Endpoint::parse(&url),
                None => {
                    let hint = match regions::closest(r) {
                        Some(c) => concat(&["; did you mean ", &json_quote(c), "?"]),
                        None => String::new(),
                    };
                    Err(Error::invalid(
                        "region",
                        concat(&[
                            &json_quote(r),
                            " is not an IMS region",
                            &hint,
                            " (a region this version does not list works through endpoint: 'https://ims.REGION.myhuaweicloud.com')",
                        ]),
                    ))
                }
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
        && octets.iter().all(|o| o.len() <= 3 && crate::text::digits(o).is_some_and(|n| n <= 255))
}
