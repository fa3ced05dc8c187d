//! A small, strict (RFC 8259) JSON scanner over UTF-8 text. It yields object members as
//! (key, raw value text) without building values, so the parser copies or converts each value
//! once, straight into its destination. Every raw slice it returns is valid JSON: values are
//! validated as they are skipped. Nesting is skipped iteratively: no input depth can overflow
//! the stack. It is the one JSON reader of the core: pages, error bodies, and the JSON the
//! bindings hand over.

use std::borrow::Cow;

use crate::error::Error;

/// One object member: its key (unescaped; a lone surrogate escape becomes U+FFFD), the key's raw
/// JSON text (quotes and escapes as sent), and the raw JSON text of its value.
#[derive(Debug, Clone)]
pub(crate) struct Member<'a> {
    pub key: Cow<'a, str>,
    pub raw_key: &'a str,
    pub value: &'a str,
}

/// One object's members, in order.
pub(crate) type Members<'a> = Vec<Member<'a>>;

pub(crate) struct Scanner<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    what: &'static str,
}

impl<'a> Scanner<'a> {
    /// `what` names the document in error messages ("image list", "image").
    pub(crate) fn new(s: &'a str, what: &'static str) -> Scanner<'a> {
        Scanner { s, b: s.as_bytes(), i: 0, what }
    }

    pub(crate) fn err(&self, expected: &str) -> Error {
        match self.b.get(self.i) {
            Some(&c) => {
                let found = if c.is_ascii() {
                    crate::text::json_quote(self.s.get(self.i..=self.i).unwrap_or(""))
                } else {
                    String::from("a non-ASCII byte")
                };
                let at = crate::text::int_text(u64::try_from(self.i).unwrap_or(u64::MAX));
                Error::parse(crate::text::concat(&["malformed ", self.what, ": expected ", expected, " at byte ", &at, ", found ", &found]))
            }
            None => Error::parse(crate::text::concat(&["malformed ", self.what, ": expected ", expected, ", found the end (truncated?)"])),
        }
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.s.get(from..to).unwrap_or("")
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8, expected: &str) -> Result<(), Error> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(expected))
        }
    }

    /// After the whole document: only whitespace may remain.
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.err("the end of the document")),
        }
    }

    /// A string at the cursor: its raw text (with quotes) and whether it has escapes.
    fn string(&mut self) -> Result<(&'a str, bool), Error> {
        let start = self.i;
        if self.b.get(self.i) != Some(&b'"') {
            return Err(self.err("a string"));
        }
        self.i += 1;
        let mut escaped = false;
        loop {
            self.i = skip_plain_run(self.b, self.i);
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            match self.b.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok((self.slice(start, self.i), escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    match self.b.get(self.i + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 2,
                        Some(b'u') => {
                            let hex = self.b.get(self.i + 2..self.i + 6).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                            if hex.is_none() {
                                self.i += 1;
                                return Err(self.err("four hex digits after \\u"));
                            }
                            self.i += 6;
                        }
                        _ => {
                            self.i += 1;
                            return Err(self.err("a valid escape"));
                        }
                    }
                }
                _ => return Err(self.err("a closing quote (control characters must be escaped)")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while let Some(b'0'..=b'9') = self.b.get(self.i) {
            self.i += 1;
        }
        self.i - from
    }

    fn number(&mut self) -> Result<(), Error> {
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("a digit")),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err("a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("a digit in the exponent"));
            }
        }
        Ok(())
    }

    fn literal(&mut self, word: &'static str) -> Result<(), Error> {
        if self.b.get(self.i..self.i + word.len()) == Some(word.as_bytes()) {
            self.i += word.len();
            Ok(())
        } else {
            Err(self.err(word))
        }
    }

    /// Any value at the cursor, validated; returns its raw text.
    pub(crate) fn value(&mut self) -> Result<&'a str, Error> {
        self.ws();
        let start = self.i;
        match self.b.get(self.i) {
            Some(b'"') => {
                self.string()?;
            }
            Some(b'{' | b'[') => self.skip_container()?,
            Some(b't') => self.literal("true")?,
            Some(b'f') => self.literal("false")?,
            Some(b'n') => self.literal("null")?,
            _ => self.number()?,
        }
        Ok(self.slice(start, self.i))
    }

    /// Skips a nested object or array with an explicit stack (`true` = object).
    fn skip_container(&mut self) -> Result<(), Error> {
        let mut stack: Vec<bool> = Vec::new();
        loop {
            // At an opening bracket.
            let is_object = self.b.get(self.i) == Some(&b'{');
            self.i += 1;
            stack.push(is_object);
            let close = if is_object { b'}' } else { b']' };
            if self.peek() == Some(close) {
                self.i += 1;
                stack.pop();
            } else {
                // First member or item of the new container.
                if is_object {
                    self.ws();
                    self.string()?;
                    self.eat(b':', "':'")?;
                }
                if self.scalar_or_open()? {
                    continue;
                }
            }
            // After a complete value: close containers or move to the next member/item.
            loop {
                let Some(&top) = stack.last() else { return Ok(()) };
                let close = if top { b'}' } else { b']' };
                match self.peek() {
                    Some(c) if c == close => {
                        self.i += 1;
                        stack.pop();
                    }
                    Some(b',') => {
                        self.i += 1;
                        if top {
                            self.ws();
                            self.string()?;
                            self.eat(b':', "':'")?;
                        }
                        if self.scalar_or_open()? {
                            break;
                        }
                    }
                    _ => return Err(self.err(if top { "',' or '}'" } else { "',' or ']'" })),
                }
            }
        }
    }

    /// A scalar is consumed (`false`); at a container the cursor stays on its bracket (`true`).
    fn scalar_or_open(&mut self) -> Result<bool, Error> {
        match self.peek() {
            Some(b'{' | b'[') => Ok(true),
            _ => self.value().map(|_| false),
        }
    }

    /// An object at the cursor, member by member: `f` gets each key and must consume its value.
    pub(crate) fn object(&mut self, mut f: impl FnMut(&mut Self, Cow<'a, str>) -> Result<(), Error>) -> Result<(), Error> {
        self.object_raw(|sc, key, _| f(sc, key))
    }

    /// As [`Scanner::object`], with each key's raw text too.
    pub(crate) fn object_raw(&mut self, mut f: impl FnMut(&mut Self, Cow<'a, str>, &'a str) -> Result<(), Error>) -> Result<(), Error> {
        self.eat(b'{', "'{'")?;
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.ws();
            let (key, raw_key) = self.key()?;
            self.eat(b':', "':'")?;
            f(self, key, raw_key)?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.err("',' or '}'")),
            }
        }
    }

    /// An array at the cursor, item by item: `f` must consume each item.
    pub(crate) fn array(&mut self, mut f: impl FnMut(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        self.eat(b'[', "'['")?;
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            f(self)?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.err("',' or ']'")),
            }
        }
    }

    fn key(&mut self) -> Result<(Cow<'a, str>, &'a str), Error> {
        let (raw, escaped) = self.string()?;
        Ok((unquote_lossy(raw, escaped), raw))
    }

    /// One object's members, collected into `out` (cleared first).
    pub(crate) fn members_into(&mut self, out: &mut Members<'a>) -> Result<(), Error> {
        out.clear();
        self.object_raw(|sc, key, raw_key| {
            let value = sc.value()?;
            out.push(Member { key, raw_key, value });
            Ok(())
        })
    }

    pub(crate) fn is_at(&mut self, c: u8) -> bool {
        self.peek() == Some(c)
    }
}

/// Advances `i` past bytes that cannot end a string's plain run, eight at a time (SWAR); the
/// caller's byte loop then finds the exact terminator.
#[inline]
fn skip_plain_run(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if may_end_plain_run(u64::from_le_bytes(word)) {
            break;
        }
        i += 8;
    }
    i
}

/// Whether any byte of `w` is `"`, `\` or below 0x20 (SWAR; may report true for a byte just
/// after a real hit, which only sends the caller to its exact byte loop sooner).
#[inline]
fn may_end_plain_run(w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let quote = zero_byte(w ^ (LO * u64::from(b'"')));
    let backslash = zero_byte(w ^ (LO * u64::from(b'\\')));
    let control = w.wrapping_sub(LO * 0x20) & !w & HI;
    (quote | backslash | control) != 0
}

/// The text of a validated raw JSON string (with quotes), unescaped only when needed; a lone
/// surrogate escape becomes U+FFFD.
fn unquote_lossy(raw: &str, escaped: bool) -> Cow<'_, str> {
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    if escaped {
        Cow::Owned(unescape(inner, true).unwrap_or_default())
    } else {
        Cow::Borrowed(inner)
    }
}

fn hex4(s: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in s.get(..4)? {
        v = v << 4 | char::from(c).to_digit(16)?;
    }
    Some(v)
}

/// Unescapes the inside of a validated JSON string. A lone surrogate escape (`\ud800` without
/// its pair) becomes U+FFFD when `lossy`, else the whole string is refused (`None`).
fn unescape(inner: &str, lossy: bool) -> Option<String> {
    let b = inner.as_bytes();
    let mut out = String::with_capacity(inner.len());
    let mut i = 0;
    while let Some(rel) = b.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'\\')) {
        out.push_str(inner.get(i..i + rel)?);
        i += rel;
        let c = match b.get(i + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = hex4(b.get(i + 2..)?)?;
                i += 6;
                let pair = if (0xD800..0xDC00).contains(&hi) && b.get(i..i + 2) == Some(b"\\u") {
                    hex4(b.get(i + 2..)?).filter(|lo| (0xDC00..0xE000).contains(lo))
                } else {
                    None
                };
                let code = match pair {
                    Some(lo) => {
                        i += 6;
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    None => hi,
                };
                match char::from_u32(code) {
                    Some(ch) => out.push(ch),
                    None if lossy => out.push('\u{FFFD}'),
                    None => return None,
                }
                continue;
            }
            _ => return None,
        };
        out.push(c);
        i += 2;
    }
    out.push_str(inner.get(i..)?);
    Some(out)
}

/// The members of a standalone JSON object text, or `None` if it is not one.
pub(crate) fn members_of(raw: &str) -> Option<Members<'_>> {
    let mut sc = Scanner::new(raw, "object");
    let mut out = Vec::new();
    sc.members_into(&mut out).ok()?;
    sc.end().ok()?;
    Some(out)
}

/// A raw value that is a JSON string, unescaped (a lone surrogate escape becomes U+FFFD); `None`
/// for anything else.
pub(crate) fn raw_str(raw: &str) -> Option<Cow<'_, str>> {
    if raw.starts_with('"') {
        Some(unquote_lossy(raw, raw.contains('\\')))
    } else {
        None
    }
}

/// As [`raw_str`], but a string holding a lone surrogate escape is refused: it has no exact text.
pub(crate) fn raw_str_strict(raw: &str) -> Option<Cow<'_, str>> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('\\') {
        unescape(inner, false).map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(inner))
    }
}

/// The last value of `key` (JSON.parse semantics for repeated keys).
pub(crate) fn get<'a>(m: &Members<'a>, key: &str) -> Option<&'a str> {
    m.iter().rev().find(|mb| mb.key == key).map(|mb| mb.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<String, Error> {
        let mut sc = Scanner::new(text, "test");
        let v = sc.value()?;
        sc.end()?;
        Ok(v.to_owned())
    }

    #[test]
    fn agrees_with_serde_json_on_validity() {
        for t in [
            "0",
            "-0",
            "1.5e-3",
            "[]",
            "{}",
            "[1,[2,{\"a\":[]}],{}]",
            "\"a\\u00e9\\n\"",
            " {\"a\" : [ true , false , null ] } ",
            "01",
            "1.",
            ".5",
            "1e",
            "-",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "[1 2]",
            "\"\\x\"",
            "\"\t\"",
            "tru",
            "nul",
            "[",
            "{\"a\"}",
            "\"\\u12\"",
            "[]]",
            "{\"a\":1}}",
            "",
            "  ",
            "1 2",
        ] {
            assert_eq!(check(t).is_ok(), serde_json::from_str::<serde_json::Value>(t).is_ok(), "{t:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, .. Default::default() })]
        /// On any text built from JSON's own characters, the scanner accepts exactly what
        /// serde_json's raw-value reader accepts.
        #[test]
        fn differential_against_serde_json(t in "[\\[\\]{}\",:0-9eE.+\\-tfrulnase \\\\u]{0,24}") {
            let ours = check(&t).is_ok();
            let theirs = serde_json::from_str::<&serde_json::value::RawValue>(&t).is_ok();
            proptest::prop_assert_eq!(ours, theirs, "{:?}", t);
        }
    }

    #[test]
    fn swar_finds_every_terminator_position() {
        for pos in 0..8 {
            for c in [b'"', b'\\', 0x00, 0x1f] {
                let mut w = *b"abcdefgh";
                w[pos] = c;
                assert!(may_end_plain_run(u64::from_le_bytes(w)), "{c} at {pos}");
            }
        }
        assert!(!may_end_plain_run(u64::from_le_bytes(*b"plain ok")));
        assert!(!may_end_plain_run(u64::from_le_bytes([0xe4, 0xb8, 0xad, 0x20, 0x7f, 0x80, 0xff, 0x21])));
        // Strings straddling the 8-byte steps.
        for n in 0..20 {
            let t = format!("\"{}\\n{}\"", "x".repeat(n), "y".repeat(n));
            assert_eq!(check(&t).unwrap(), t);
            assert!(check(&format!("\"{}\u{1}\"", "x".repeat(n))).is_err());
        }
    }

    #[test]
    fn unescapes_like_json_parse() {
        assert_eq!(raw_str(r#""a\"b\\c\/d\b\f\n\r\t""#).unwrap(), "a\"b\\c/d\u{8}\u{c}\n\r\t");
        assert_eq!(raw_str(r#""\u00e9\ud83d\ude00x""#).unwrap(), "é😀x");
        assert_eq!(raw_str(r#""\ud800x""#).unwrap(), "\u{FFFD}x");
        assert_eq!(raw_str(r#""\udc00""#).unwrap(), "\u{FFFD}");
        assert_eq!(raw_str_strict(r#""\ud800x""#), None);
        assert_eq!(raw_str_strict(r#""\ud83d\ude00""#).unwrap(), "😀");
        assert_eq!(raw_str("1"), None);
        for t in ["\"\"", "\"plain\"", "\"\\u0000\"", "\"\\\\u1234\""] {
            assert_eq!(raw_str(t).unwrap(), serde_json::from_str::<String>(t).unwrap(), "{t}");
        }
    }

    #[test]
    fn deep_nesting_is_iterative() {
        let deep = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert!(check(&deep).is_ok());
        assert!(check(&"[".repeat(1_000_000)).is_err());
    }
}
