//! Just enough URL handling for this client: absolute http(s) URLs split into origin parts,
//! path and query. No userinfo (credentials never travel in a URL). The host and port are
//! normalized as the WHATWG URL parser (what `fetch` uses) normalizes them, so what is signed and
//! checked is what will be sent: letters lower-cased, an IPv4 address in any of its forms
//! (`127.1`, `0x7f.0.0.1`) written as four decimal octets, an IPv6 address compressed
//! (`[0:0::1]` is `[::1]`), a port without leading zeros, the scheme's default port dropped.

use crate::error::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    /// `http` or `https`, lower-cased.
    pub scheme: String,
    /// Host and port as a browser sends them in `Host` (see the module docs).
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
        let lower = authority.to_ascii_lowercase();
        let (name, port) = split_port(&lower);
        let host = normalize_host(name).ok_or_else(|| bad("has no valid host and port"))?;
        let port = match port {
            None => None,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                let n = crate::text::digits(p.trim_start_matches('0')).unwrap_or(if p.bytes().all(|b| b == b'0') { 0 } else { u64::MAX });
                if n > 65_535 {
                    return Err(bad("has no valid host and port"));
                }
                let default = if scheme == "https" { 443 } else { 80 };
                (n != default).then(|| crate::text::int_text(n))
            }
            Some(_) => return Err(bad("has no valid host and port")),
        };
        let host = match port {
            Some(p) => crate::text::concat(&[&host, ":", &p]),
            None => host,
        };
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

/// The host as `fetch` will send it, or `None` when it is not a valid one: a bracketed IPv6
/// literal, compressed; a name ending in a number, as an IPv4 address; else a registered name
/// (letters, digits, `-`, `.`, `_`, `~`), lower-cased already.
fn normalize_host(name: &str) -> Option<String> {
    if let Some(inside) = name.strip_prefix('[') {
        let mut out = String::from("[");
        write_ipv6(&ipv6(inside.strip_suffix(']')?)?, &mut out);
        out.push(']');
        return Some(out);
    }
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')) {
        return None;
    }
    let trimmed = name.strip_suffix('.').unwrap_or(name);
    let last = trimmed.rsplit('.').next().unwrap_or("");
    // WHATWG "ends in a number": all digits, or `0x` and hex.
    let numeric = (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()))
        || last.strip_prefix("0x").is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
    if !numeric {
        return Some(name.to_owned());
    }
    let address = ipv4(trimmed)?;
    let mut out = String::with_capacity(15);
    for (i, octet) in address.to_be_bytes().iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        crate::text::write_int(i64::from(*octet), &mut out);
    }
    Some(out)
}

/// The WHATWG IPv4 parser: one to four dot-separated numbers (`0x` hex, a leading `0` octal,
/// else decimal), the last filling the bytes left.
fn ipv4(trimmed: &str) -> Option<u32> {
    let count = trimmed.split('.').count();
    let room = 5usize.checked_sub(count).filter(|r| *r >= 1)?;
    let mut address: u64 = 0;
    for (i, part) in trimmed.split('.').enumerate() {
        let (digits, radix) = match part.strip_prefix("0x") {
            Some(h) => (h, 16),
            None if part.len() > 1 && part.starts_with('0') => (part.get(1..)?, 8),
            None if part.is_empty() => return None,
            None => (part, 10),
        };
        let mut v: u64 = 0;
        for b in digits.bytes() {
            v = v * u64::from(radix) + u64::from(char::from(b).to_digit(radix)?);
            if v > u64::from(u32::MAX) {
                return None;
            }
        }
        if i + 1 < count {
            if v > 255 {
                return None;
            }
            address = address << 8 | v;
        } else {
            if v >= 1u64 << (8 * room) {
                return None;
            }
            address = address << (8 * room) | v;
        }
    }
    u32::try_from(address).ok()
}

/// The WHATWG IPv6 parser (hex pieces, one `::`, a dotted IPv4 tail).
fn ipv6(s: &str) -> Option<[u16; 8]> {
    let mut pieces = [0u16; 8];
    let mut index = 0usize;
    let mut compress = None;
    let mut rest = s;
    if let Some(r) = rest.strip_prefix("::") {
        rest = r;
        index = 1;
        compress = Some(1);
    } else if rest.starts_with(':') {
        return None;
    }
    while !rest.is_empty() {
        if index == 8 {
            return None;
        }
        if let Some(r) = rest.strip_prefix(':') {
            if compress.is_some() {
                return None;
            }
            rest = r;
            index += 1;
            compress = Some(index);
            continue;
        }
        let len = rest.bytes().take(4).take_while(u8::is_ascii_hexdigit).count();
        let (hex, after) = rest.split_at_checked(len)?;
        if after.starts_with('.') {
            // A dotted IPv4 tail fills the last two pieces: four decimal octets, no leading zero.
            if len == 0 || index > 6 {
                return None;
            }
            let mut octets = 0;
            let mut v4: u32 = 0;
            for o in rest.split('.') {
                if o.is_empty() || o.len() > 3 || !o.bytes().all(|c| c.is_ascii_digit()) || (o.len() > 1 && o.starts_with('0')) {
                    return None;
                }
                let n = crate::text::digits(o).filter(|n| *n <= 255).and_then(|n| u32::try_from(n).ok())?;
                v4 = v4 << 8 | n;
                octets += 1;
            }
            if octets != 4 {
                return None;
            }
            *pieces.get_mut(index)? = u16::try_from(v4 >> 16).ok()?;
            *pieces.get_mut(index + 1)? = u16::try_from(v4 & 0xffff).ok()?;
            index += 2;
            break;
        }
        if len == 0 {
            return None;
        }
        *pieces.get_mut(index)? = hex.bytes().try_fold(0u16, |v, b| Some(v << 4 | u16::try_from(char::from(b).to_digit(16)?).ok()?))?;
        index += 1;
        rest = match after.strip_prefix(':') {
            Some("") => return None,
            Some(r) => r,
            None if after.is_empty() => after,
            None => return None,
        };
    }
    match compress {
        Some(c) => {
            // The pieces after `::` move to the end.
            pieces.get_mut(c..)?.rotate_right(8usize.checked_sub(index)?);
        }
        None if index != 8 => return None,
        None => {}
    }
    Some(pieces)
}

/// The WHATWG IPv6 serializer: lower-case hex, the first longest run of two or more zero pieces
/// written `::`.
fn write_ipv6(pieces: &[u16; 8], out: &mut String) {
    let (mut best, mut best_len, mut run_len) = (8usize, 1usize, 0usize);
    for (i, p) in pieces.iter().enumerate() {
        run_len = if *p == 0 { run_len + 1 } else { 0 };
        if run_len > best_len {
            best = i + 1 - run_len;
            best_len = run_len;
        }
    }
    let mut i = 0;
    while let Some(p) = pieces.get(i) {
        if i == best {
            out.push_str(if i == 0 { "::" } else { ":" });
            i += best_len;
            continue;
        }
        let digits = [p >> 12, p >> 8, p >> 4, *p];
        let first = digits.iter().position(|d| d & 0xf != 0).unwrap_or(3);
        for d in digits.iter().skip(first) {
            out.push(char::from_digit(u32::from(d & 0xf), 16).unwrap_or('0'));
        }
        if i < 7 {
            out.push(':');
        }
        i += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_ports() {
        for ok in ["http://h", "https://a.b-c_d~e:8443/p", "http://[::1]:9", "http://[::ffff:1.2.3.4]", "HTTP://H.EXAMPLE:80"] {
            assert!(Url::parse("u", ok).is_ok(), "{ok}");
        }
        // Found by the endpoint_url fuzz target: a host holding a colon parsed once, and its base
        // (default port dropped) did not parse again.
        for bad in [
            "http://127.0:.8.001:80/console/proxy/",
            "http://h:",
            "http://h:99999",
            "http://h:8a",
            "http://[]",
            "http://[::1",
            "http://a b",
            "http://h%41",
            "http://:80",
            "http://1.2.3.4.5",
            "http://256.1.1.1",
            "http://[1::2::3]",
            "http://[1:2:3:4:5:6:7:8:9]",
            "http://[::1.2.3]",
        ] {
            assert!(Url::parse("u", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts_are_what_fetch_sends() {
        // Each pair checked against the WHATWG URL parser (Node's `new URL(u).host`).
        for (given, host) in [
            ("http://127.1/", "127.0.0.1"),
            ("http://0x7f.0.0.1/", "127.0.0.1"),
            ("http://0177.0.0.1/", "127.0.0.1"),
            ("http://2130706433/", "127.0.0.1"),
            ("http://127.0.0.1./", "127.0.0.1"),
            ("http://1.2.65535/", "1.2.255.255"),
            ("http://[0:0:0:0:0:0:0:1]:8080/", "[::1]:8080"),
            ("http://[2001:DB8::0:1]/", "[2001:db8::1]"),
            ("http://[::ffff:1.2.3.4]/", "[::ffff:102:304]"),
            ("http://[1:0:0:2:0:0:0:3]/", "[1:0:0:2::3]"),
            ("http://[1:0:0:2:0:0:3:4]/", "[1::2:0:0:3:4]"),
            ("http://[0:0:1:0:0:0:0:0]/", "[0:0:1::]"),
            ("http://h:0080/", "h"),
            ("https://h:0443/", "h"),
            ("http://h:08080/", "h:8080"),
            ("http://EXAMPLE.com.:81/", "example.com.:81"),
            ("http://1.2.3.a/", "1.2.3.a"),
        ] {
            assert_eq!(Url::parse("u", given).unwrap().host, host, "{given}");
        }
    }
}
