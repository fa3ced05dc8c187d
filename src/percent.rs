//! RFC 3986 percent-encoding: the one encoder used for the URL and for the signature, so the two
//! can never disagree. Only the unreserved set `A-Z a-z 0-9 - . _ ~` stays literal; everything
//! else, space included, becomes `%XX` (upper-case hex) of its UTF-8 bytes.

/// The hex digit for the low four bits of `n` (upper-case for percent-encoding, lower for hashes).
pub(crate) fn hex_digit(n: u8, upper: bool) -> char {
    let c = char::from_digit(u32::from(n & 0x0f), 16).unwrap_or('0');
    if upper {
        c.to_ascii_uppercase()
    } else {
        c
    }
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends `s` percent-encoded to `out`. Runs of unreserved characters are copied whole.
pub fn encode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.bytes().position(|b| !is_unreserved(b)) {
        let (plain, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        out.push_str(plain);
        let Some(&b) = tail.as_bytes().first() else { break };
        out.push('%');
        out.push(hex_digit(b >> 4, true));
        out.push(hex_digit(b, true));
        // `b` is not ASCII-unreserved; if it starts a multi-byte character, the rest of that
        // character is not unreserved either and is encoded on the next rounds, byte by byte.
        rest = match tail.get(1..) {
            Some(r) => r,
            None => return push_bytes_encoded(tail.as_bytes().get(1..).unwrap_or(&[]), out),
        };
    }
    out.push_str(rest);
}

/// Joins pairs into `k=v&k=v`, each side encoded: the URL's query and what the signature covers.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(k, &mut out);
        out.push('=');
        encode_into(v, &mut out);
    }
    out
}

/// Percent-encodes raw bytes that do not start at a character boundary.
fn push_bytes_encoded(bytes: &[u8], out: &mut String) {
    for &b in bytes {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4, true));
            out.push(hex_digit(b, true));
        }
    }
}

/// `s` percent-encoded (see the module docs).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    encode_into(s, &mut out);
    out
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` sequences. A `%` not followed by two hex digits stays literal (as Python's
/// `unquote` does); `+` stays `+` (RFC 3986, not form encoding). Invalid UTF-8 after decoding is
/// replaced with U+FFFD rather than failing.
pub fn decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            if let (Some(h), Some(l)) = (bytes.get(i + 1).copied().and_then(hex_val), bytes.get(i + 2).copied().and_then(hex_val)) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a query string (`a=1&b=2`, no leading `?`) into decoded pairs, in order.
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved() {
        assert_eq!(encode("a+b/c~d*e!f'g(h)i"), "a%2Bb%2Fc~d%2Ae%21f%27g%28h%29i");
        assert_eq!(encode("a b"), "a%20b");
        assert_eq!(encode("中"), "%E4%B8%AD");
        assert_eq!(encode("A-z_0.9~"), "A-z_0.9~");
    }

    #[test]
    fn decode_is_lenient_and_inverts_encode() {
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("a+b"), "a+b");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        let s = "tag=a=b & 中文 /?#";
        assert_eq!(decode(&encode(s)), s);
    }
}
