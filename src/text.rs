//! Small text rules shared across the core, written without the formatting machinery (it would
//! grow the WebAssembly module): how a body is decoded, booleans and integers as text, JSON string
//! literals, concatenation and joining, and the one sort of name/value pairs. A leaf: it depends
//! on nothing else here.

/// A response body as text, decoded as the WHATWG Encoding standard's UTF-8 decoder does (what
/// `fetch`'s `text()` and every browser give): a leading byte order mark dropped, each invalid
/// sequence replaced by U+FFFD. An odd byte in one field never fails a page.
pub fn decode_body(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// The largest integer a JS `number` holds exactly (2^53 - 1). Larger values do not fit.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// `true`/`false` in any letter case.
pub fn bool_from_text(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// ASCII decimal digits (at least one, nothing else) as a number; `None` past `u64::MAX`. The
/// one integer reader of the core: each `str::parse` type would bring its own copy into the
/// WebAssembly module.
pub fn digits(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| if b.is_ascii_digit() { n.checked_mul(10)?.checked_add(u64::from(b - b'0')) } else { None })
}

/// Decimal integer text: optional `-`, 1 to 16 digits, nothing else; within ±(2^53 - 1).
pub fn int_from_text(s: &str) -> Option<i64> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    if rest.len() > 16 {
        return None;
    }
    let v = i64::try_from(digits(rest)?).ok().filter(|v| *v <= MAX_SAFE_INTEGER)?;
    Some(if negative { -v } else { v })
}

fn hex(n: u32) -> char {
    char::from_digit(n & 0xf, 16).unwrap_or('0')
}

/// Writes `s` as a JSON string literal, escaped as `JSON.stringify` escapes it. Runs of characters
/// that need no escape are copied whole.
pub fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    let mut rest = s;
    while let Some(at) = rest.bytes().position(|b| b < 0x20 || b == b'"' || b == b'\\') {
        let (plain, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        out.push_str(plain);
        let Some(&b) = tail.as_bytes().first() else { break };
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                out.push_str("\\u00");
                out.push(hex(u32::from(b) >> 4));
                out.push(hex(u32::from(b)));
            }
        }
        rest = tail.get(1..).unwrap_or("");
    }
    out.push_str(rest);
    out.push('"');
}

/// The strings as a JSON array, `sep` between items (`","`; `", "` in generated JS).
pub fn json_string_array<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        write_json_string(item, &mut out);
    }
    out.push(']');
    out
}

/// `s` quoted for a message: a JSON string literal (control characters escaped).
pub fn json_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_json_string(s, &mut out);
    out
}

/// Concatenates the parts in one allocation (no formatting machinery on the request path).
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// Decimal digits of `v`, without the formatting machinery.
pub fn write_int(v: i64, out: &mut String) {
    if v < 0 {
        out.push('-');
    }
    let mut n = v.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            // n % 10 < 10
            #[allow(clippy::cast_possible_truncation)]
            let digit = (n % 10) as u8;
            *slot = b'0' + digit;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &d in buf.get(i..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// `v` in decimal (see [`write_int`]).
pub fn int(v: i64) -> String {
    let mut out = String::new();
    write_int(v, &mut out);
    out
}

/// `v` in decimal (see [`write_int`]).
pub fn int_text(v: u64) -> String {
    let mut out = String::new();
    write_int(i64::try_from(v).unwrap_or(i64::MAX), &mut out);
    out
}

/// The items joined with `sep` (without the general `join` machinery).
pub fn join<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

/// Sorts pairs by name then value: the query's parameters, the signer's headers. An insertion
/// sort: there are a few dozen at most, and it keeps the general sorting machinery out of the
/// WebAssembly module.
pub fn sort_pairs<K: Ord, V: Ord>(pairs: &mut [(K, V)]) {
    for i in 1..pairs.len() {
        let mut j = i;
        while j > 0 && pairs.get(j - 1) > pairs.get(j) {
            pairs.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The candidate closest to a mistyped `word`, at most `max` edits away, for "did you mean".
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, max: usize) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edits(word.as_bytes(), c.as_bytes()), c))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, one row at a time.
fn edits(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = i;
        let mut prev = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diag + usize::from(ca != cb);
            let next = cost.min(up.saturating_add(1)).min(prev + 1);
            diag = up;
            if let Some(slot) = row.get_mut(j + 1) {
                *slot = next;
            }
            prev = next;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_written_exactly() {
        for v in [0, 7, -7, 10, 64, 2048, -9_007_199_254_740_991, MAX_SAFE_INTEGER, i64::MIN, i64::MAX] {
            let mut out = String::new();
            write_int(v, &mut out);
            assert_eq!(out, v.to_string());
        }
        assert_eq!(int_text(9_007_199_254_740_991), "9007199254740991");
    }

    #[test]
    fn bodies_decode_as_fetch_text_does() {
        assert_eq!(decode_body(b"\xEF\xBB\xBF{}"), "{}");
        assert_eq!(decode_body(b"a\xFFb"), "a\u{FFFD}b");
        assert_eq!(decode_body(b"\xF0\x9F\x98"), "\u{FFFD}", "a truncated sequence is one replacement");
        assert_eq!(decode_body(b"\xED\xA0\x80"), "\u{FFFD}\u{FFFD}\u{FFFD}", "a surrogate's bytes are each replaced");
    }

    #[test]
    fn quoting_and_numbers() {
        assert_eq!(json_quote("a\u{1}\u{1f}\"\\"), "\"a\\u0001\\u001f\\\"\\\\\"");
        assert_eq!(int_from_text("-0"), Some(0));
        assert_eq!(int_from_text("12345678901234567"), None);
        assert_eq!(bool_from_text("TrUe"), Some(true));
    }

    #[test]
    fn nearest_candidates() {
        assert_eq!(edits(b"kitten", b"sitting"), 3);
        assert_eq!(closest("--os-tpye", ["--os-type", "--os-bit"], 2), Some("--os-type"));
        assert_eq!(closest("--zzz", ["--os-type"], 2), None);
    }
}
