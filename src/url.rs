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
        if s.bytes().any(|b| b.is_ascii_control()) {
            return Err(bad("contains a control character"));
        }
        let (scheme, rest) = s
            .split_once(':')
            .and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
            .ok_or_else(|| bad("must be an absolute http(s) URL"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(bad("must be an absolute http(s) URL"));
        }
        let rest = rest.split('#').next().unwrap_or("");
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, after) = rest.split_at_checked(auth_end).unwrap_or((rest, ""));
        if authority.is_empty() || authority.bytes().any(|b| b == b'@' || b.is_ascii_whitespace() || !b.is_ascii()) {
            return Err(bad("has no valid host (ASCII only, punycode for international names; no user info)"));
        }
        let (path, query) = match after.split_once('?') {
            Some((p, q)) => (p, q),
            None => (after, ""),
        };
        let mut host = authority.to_ascii_lowercase();
        let (name, port) = split_port(&host);
        if name.is_empty()
            || port.is_some_and(|p| {
                p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) || p.parse::<u32>().map_or(true, |n| n > 65_535)
            })
        {
            return Err(bad("has no valid host and port"));
        }
        let default_port = if scheme == "https" { ":443" } else { ":80" };
        if let Some(h) = host.strip_suffix(default_port) {
            host = h.to_owned();
        }
        Ok(Url { scheme, host, path: if path.is_empty() { "/" } else { path }, query })
    }

    /// The host without its port (`[::1]` keeps its brackets).
    pub fn hostname(&self) -> &str {
        split_port(&self.host).0
    }

    /// `scheme://host`.
    pub fn origin(&self) -> String {
        crate::text::concat(&[&self.scheme, "://", &self.host])
    }
}

/// `host[:port]` split at the port's colon (an IPv6 literal keeps its brackets).
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.split_once(']') {
            Some((inside, rest)) => (
                authority.get(..inside.len() + 1).unwrap_or(authority),
                rest.strip_prefix(':').or(if rest.is_empty() { None } else { Some("") }),
            ),
            None => ("", None),
        };
    }
    match authority.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (authority, None),
    }
}
