//! How one wire value becomes a typed value. Each image field in `image.rs` names one of these
//! kinds; the kind decides its Rust type, its TypeScript type, and the conversion from the raw
//! JSON text, for the native parser and for the JS-shaped writer alike.
//!
//! `raw` is always the validated JSON text of one value (see `scan.rs`).
//! A conversion returns `None` when the value does not fit; the caller then keeps the raw value
//! in `extra` under its wire name. `null` is handled before a kind is asked (the field is absent).

use std::marker::PhantomData;

use crate::enums::OpenEnum;

/// The largest integer a JS `number` holds exactly (2^53 - 1). Larger values do not fit.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

pub trait Kind {
    type Out;
    /// Native conversion.
    fn parse(raw: &str) -> Option<Self::Out>;
    /// Writes the JS-shaped JSON for this value to `out`; `false` (and nothing written) if it
    /// does not fit.
    fn write_js(raw: &str, out: &mut String) -> bool;
    /// The TypeScript type of the property.
    fn ts() -> String;
}

fn is_json_string(raw: &str) -> bool {
    raw.starts_with('"')
}

/// The text of a JSON string value, unescaped (borrowed when it has no escapes).
fn as_str(raw: &str) -> Option<std::borrow::Cow<'_, str>> {
    crate::scan::raw_str(raw)
}

/// A plain string, copied as sent.
pub struct Str;
/// A time, kept as the ISO string the server sent.
pub struct Time;
/// A boolean, from JSON `true`/`false` or from a string `true`/`True`/`false`/`False` (any case).
pub struct Bool;
/// An integer, from a JSON integer or a string of decimal digits, within ±(2^53 - 1).
pub struct Int;
/// An array of strings (`tags`).
pub struct StrList;
/// A comma-separated string (`"hss,ces"`) as a list; blanks around items are dropped.
pub struct CsvList;
/// A documented set of strings that accepts any other string.
pub struct Enum<E>(PhantomData<E>);

impl Kind for Str {
    type Out = String;
    fn parse(raw: &str) -> Option<String> {
        as_str(raw).map(|s| s.into_owned())
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        // A JSON string is already valid JS-shaped JSON: copy it through untouched.
        if is_json_string(raw) {
            out.push_str(raw);
            true
        } else {
            false
        }
    }
    fn ts() -> String {
        "string".into()
    }
}

impl Kind for Time {
    type Out = String;
    fn parse(raw: &str) -> Option<String> {
        Str::parse(raw)
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        Str::write_js(raw, out)
    }
    fn ts() -> String {
        "string".into()
    }
}

pub(crate) fn bool_from_text(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

impl Kind for Bool {
    type Out = bool;
    fn parse(raw: &str) -> Option<bool> {
        match raw {
            "true" => Some(true),
            "false" => Some(false),
            _ => as_str(raw).and_then(|s| bool_from_text(&s)),
        }
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        match Self::parse(raw) {
            Some(b) => {
                out.push_str(if b { "true" } else { "false" });
                true
            }
            None => false,
        }
    }
    fn ts() -> String {
        "boolean".into()
    }
}

/// Decimal integer text: optional `-`, digits only, no leading `+`, no blanks, no fraction.
pub(crate) fn int_from_text(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = s.parse().ok()?;
    (v.abs() <= MAX_SAFE_INTEGER).then_some(v)
}

impl Kind for Int {
    type Out = i64;
    fn parse(raw: &str) -> Option<i64> {
        match as_str(raw) {
            Some(text) => int_from_text(&text),
            None => int_from_text(raw),
        }
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        match Self::parse(raw) {
            Some(v) => {
                write_int(v, out);
                true
            }
            None => false,
        }
    }
    fn ts() -> String {
        "number".into()
    }
}

/// Decimal digits of `v`, without allocating (hot path: several integers per image).
fn write_int(v: i64, out: &mut String) {
    if v < 0 {
        out.push('-');
    }
    let mut n = v.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
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

impl Kind for StrList {
    type Out = Vec<String>;
    fn parse(raw: &str) -> Option<Vec<String>> {
        serde_json::from_str::<Vec<String>>(raw).ok()
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        // Valid when it is an array whose items are all strings; then copy it through.
        match serde_json::from_str::<Vec<&serde_json::value::RawValue>>(raw) {
            Ok(items) if items.iter().all(|i| is_json_string(i.get())) => {
                out.push_str(raw);
                true
            }
            _ => false,
        }
    }
    fn ts() -> String {
        "string[]".into()
    }
}

/// The items of a comma-separated value: trimmed, blanks dropped.
fn csv_items(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|p| !p.is_empty())
}

impl Kind for CsvList {
    type Out = Vec<String>;
    fn parse(raw: &str) -> Option<Vec<String>> {
        as_str(raw).map(|s| csv_items(&s).map(str::to_owned).collect())
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        let Some(text) = as_str(raw) else { return false };
        out.push('[');
        for (i, item) in csv_items(&text).enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_json_string(item, out);
        }
        out.push(']');
        true
    }
    fn ts() -> String {
        "string[]".into()
    }
}

impl<E: OpenEnum> Kind for Enum<E> {
    type Out = E;
    fn parse(raw: &str) -> Option<E> {
        as_str(raw).map(|s| E::from_wire(&s))
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        Str::write_js(raw, out)
    }
    fn ts() -> String {
        E::TS_NAME.into()
    }
}

/// Writes `s` as a JSON string literal.
pub fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bool_accepts_documented_spellings_only() {
        for (t, v) in [("true", true), ("false", false), ("\"True\"", true), ("\"False\"", false), ("\"true\"", true)] {
            assert_eq!(Bool::parse(t), Some(v), "{t}");
        }
        for t in ["1", "\"yes\"", "\"\"", "[]", "\"true \""] {
            assert_eq!(Bool::parse(t), None, "{t}");
        }
    }

    #[test]
    fn int_bounds_and_forms() {
        assert_eq!(Int::parse("100"), Some(100));
        assert_eq!(Int::parse("\"64\""), Some(64));
        assert_eq!(Int::parse("\"-1\""), Some(-1));
        assert_eq!(Int::parse("9007199254740991"), Some(MAX_SAFE_INTEGER));
        for t in ["9007199254740992", "1.5", "1e3", "\"+1\"", "\" 1\"", "\"\"", "true", "99999999999999999999999"] {
            assert_eq!(Int::parse(t), None, "{t}");
        }
    }

    #[test]
    fn integers_are_written_exactly() {
        for v in [0, 7, -7, 10, 64, 2048, -9_007_199_254_740_991, MAX_SAFE_INTEGER, i64::MIN, i64::MAX] {
            let mut out = String::new();
            write_int(v, &mut out);
            assert_eq!(out, v.to_string());
        }
    }

    #[test]
    fn csv_list_splits_and_trims() {
        assert_eq!(CsvList::parse("\"hss, ces,,\""), Some(vec!["hss".into(), "ces".into()]));
        let mut out = String::new();
        assert!(CsvList::write_js("\"a\\\"b,c\"", &mut out));
        assert_eq!(out, r#"["a\"b","c"]"#);
    }

    #[test]
    fn str_list_requires_all_strings() {
        let mut out = String::new();
        assert!(!StrList::write_js("[\"a\", 1]", &mut out));
        assert!(out.is_empty());
        assert!(StrList::write_js("[\"a\",\"b\"]", &mut out));
    }
}
