//! Just enough URL handling for this client: absolute http(s) URLs split into origin parts,
//! path and query. No userinfo (credentials never travel in a URL).

use crate::error::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    /// `http` or `https`, lower-cased.
    pub scheme: String,
    /// Host and port as a browser sends them in `Host`: lower-cased, default port dropped.
    pub host: String,
    /// The path as written (already percent-encoded); `/` when empty.
    pub path: &'a str,
    /// The query as written, without `?`.
    pub query: &'a str,
}

impl<'a> Url<'a> {
    pub fn parse(key: &str, s: &'a str) -> Result<Url<'a>, Error> {
        let bad = |why: &str| Error::invalid(key, why);
        let (scheme, rest) = s.split_once("://").ok_or_else(|| bad("must be an absolute http(s) URL"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(bad("must be an absolute http(s) URL"));
        }
        let rest = rest.split('#').next().unwrap_or("");
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, after) = rest.split_at(auth_end);
        if authority.is_empty() || authority.contains('@') || authority.chars().any(|c| c.is_whitespace()) {
            return Err(bad("has no valid host (user info is not allowed)"));
        }
        let (path, query) = match after.split_once('?') {
            Some((p, q)) => (p, q),
            None => (after, ""),
        };
        let mut host = authority.to_ascii_lowercase();
        let default_port = if scheme == "https" { ":443" } else { ":80" };
        if let Some(h) = host.strip_suffix(default_port) {
            host = h.to_owned();
        }
        Ok(Url { scheme, host, path: if path.is_empty() { "/" } else { path }, query })
    }

    /// `scheme://host`.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.host)
    }
}
