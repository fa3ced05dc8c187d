//! How one wire value becomes a typed value. Each image field in `image.rs` names one of these
//! field types; the type decides its Rust type, its TypeScript type, and the conversion: natively from
//! the raw JSON text (the parser and the JS-shaped writer), and in JS from what `JSON.parse` gave
//! (the converter that `codegen::converter` generates). The two conversions of a type sit side by
//! side here, and the differential test (`tests/js/differential.test.mjs`) proves they agree.
//!
//! `raw` is always the validated JSON text of one value (see `scan.rs`). A conversion returns
//! `None` (JS: `undefined`) when the value does not fit; the caller then keeps the value in
//! `extra` under its wire name. `null` is handled before a kind is asked (the field is absent).

use std::marker::PhantomData;

use crate::open_enums::OpenEnum;
use crate::scan::{raw_str, raw_str_strict};
use crate::text::{bool_from_text, int_from_text, write_int};
pub use crate::text::{write_json_string, MAX_SAFE_INTEGER};

/// How the generated JS converter handles a value `v` of a field type (`v` is never `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsConvert {
    /// `v` is kept as it is when this JS condition on `v` holds.
    Keep(&'static str),
    /// The value is `name(v)`, `undefined` when it does not fit; `source` defines `name`.
    Call {
        /// The helper's name.
        name: &'static str,
        /// The helper's JS source (a function declaration, plus any constant it needs).
        source: &'static str,
    },
}

/// What an image field's type says, as data: its TypeScript type and its JS conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The TypeScript type (`number`, `Platform`, ...).
    pub ts: &'static str,
    /// How the generated JS converter converts it.
    pub js: JsConvert,
}

/// The type of an image field's value.
pub trait FieldType {
    /// The typed Rust value.
    type Out;
    /// The TypeScript type of the property.
    const TS: &'static str;
    /// The same conversion, in JS.
    const JS: JsConvert;
    /// What the wire may hold, as a JSON Schema `type` (the emulator's `/v2/schemas/image`).
    const WIRE: &'static str;
    /// Native conversion.
    fn parse(raw: &str) -> Option<Self::Out>;
    /// Writes the JS-shaped JSON for this value to `out`; `false` (and nothing written) if it
    /// does not fit.
    fn write_js(raw: &str, out: &mut String) -> bool;
}

fn is_json_string(raw: &str) -> bool {
    raw.starts_with('"')
}

/// A plain string, copied as sent.
pub struct Str;
/// A time, kept as the ISO string the server sent.
pub struct Time;
/// A boolean, from JSON `true`/`false` or from a string `true`/`True`/`false`/`False` (any case).
pub struct Bool;
/// An integer: a JSON number whose value is an integer, or a string of up to 16 decimal digits
/// (optionally `-`), within ±(2^53 - 1).
pub struct Int;
/// An array of strings (`tags`).
pub struct StrList;
/// A comma-separated string (`"hss,ces"`) as a list; ASCII blanks around items and empty items
/// are dropped. A string holding a lone surrogate escape does not fit (it has no exact text).
pub struct CsvList;
/// A documented set of strings that accepts any other string.
pub struct Enum<E>(PhantomData<E>);

const IS_STRING: JsConvert = JsConvert::Keep("typeof v === 'string'");

impl FieldType for Str {
    type Out = String;
    const WIRE: &'static str = r#""string""#;
    const TS: &'static str = "string";
    const JS: JsConvert = IS_STRING;
    fn parse(raw: &str) -> Option<String> {
        raw_str(raw).map(|s| s.into_owned())
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
}

impl FieldType for Time {
    type Out = String;
    const WIRE: &'static str = r#""string""#;
    const TS: &'static str = "string";
    const JS: JsConvert = IS_STRING;
    fn parse(raw: &str) -> Option<String> {
        Str::parse(raw)
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        Str::write_js(raw, out)
    }
}

impl FieldType for Bool {
    type Out = bool;
    const WIRE: &'static str = r#"["boolean", "string"]"#;
    const TS: &'static str = "boolean";
    // The documented spellings first (no allocation); then any case. Only ASCII letters
    // lower-case to the letters of `true`/`false`, so `toLowerCase` agrees with
    // `eq_ignore_ascii_case` on these lengths.
    const JS: JsConvert = JsConvert::Call {
        name: "toBool",
        source: "function toBool(v) {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  if (typeof v === 'string' && (v.length === 4 || v.length === 5)) {
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return undefined;
}",
    };
    fn parse(raw: &str) -> Option<bool> {
        match raw {
            "true" => Some(true),
            "false" => Some(false),
            _ => raw_str(raw).and_then(|s| bool_from_text(&s)),
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
}

/// A JSON number whose value (read as a JS `number` is, correctly rounded) is a safe integer.
fn int_from_json_number(raw: &str) -> Option<i64> {
    if let Some(v) = int_from_text(raw) {
        return Some(v);
    }
    let f: f64 = raw.parse().ok()?;
    // `f` is integral and within ±(2^53 - 1), so the conversion is exact.
    #[allow(clippy::cast_possible_truncation)]
    (f.is_finite() && f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_991.0).then_some(f as i64)
}

impl FieldType for Int {
    type Out = i64;
    const WIRE: &'static str = r#"["integer", "string"]"#;
    const TS: &'static str = "number";
    const JS: JsConvert = JsConvert::Call {
        name: "toInt",
        // The string form is `int_from_text`'s: an optional `-`, then 1 to 16 ASCII digits.
        source: "function toInt(v) {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v + 0 : undefined;
  if (typeof v !== 'string') return undefined;
  const len = v.length;
  let i = len > 0 && v.charCodeAt(0) === 45 ? 1 : 0;
  if (i === len || len - i > 16) return undefined;
  for (; i < len; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const n = Number(v);
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}",
    };
    fn parse(raw: &str) -> Option<i64> {
        match raw_str(raw) {
            Some(text) => int_from_text(&text),
            None if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => int_from_json_number(raw),
            None => None,
        }
        // -0 is 0.
        .map(|v| if v == 0 { 0 } else { v })
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
}

impl FieldType for StrList {
    type Out = Vec<String>;
    const WIRE: &'static str = r#""array""#;
    const TS: &'static str = "string[]";
    const JS: JsConvert = JsConvert::Call {
        name: "toStrList",
        source: "function toStrList(v) {
  if (!Array.isArray(v)) return undefined;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return undefined;
  return v;
}",
    };
    fn parse(raw: &str) -> Option<Vec<String>> {
        let mut items = Vec::new();
        for_each_item(raw, |item| {
            items.push(raw_str(item)?.into_owned());
            Some(())
        })?;
        Some(items)
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        // Valid when it is an array whose items are all strings; then copy it through.
        if for_each_item(raw, |item| is_json_string(item).then_some(())).is_some() {
            out.push_str(raw);
            true
        } else {
            false
        }
    }
}

/// Calls `f` on the raw text of each item of a raw JSON array; `None` if it is not an array or
/// `f` refuses an item.
fn for_each_item(raw: &str, mut f: impl FnMut(&str) -> Option<()>) -> Option<()> {
    if !raw.starts_with('[') {
        return None;
    }
    let mut sc = crate::scan::Scanner::new(raw, "array");
    let mut refused = false;
    sc.array(|sc| {
        let item = sc.value()?;
        if f(item).is_none() {
            refused = true;
        }
        Ok(())
    })
    .ok()?;
    (!refused).then_some(())
}

/// The items of a comma-separated value: ASCII blanks trimmed, empty items dropped.
fn csv_items(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(|p| p.trim_matches(|c: char| c.is_ascii_whitespace())).filter(|p| !p.is_empty())
}

impl FieldType for CsvList {
    type Out = Vec<String>;
    const WIRE: &'static str = r#""string""#;
    const TS: &'static str = "string[]";
    const JS: JsConvert = JsConvert::Call {
        name: "toCsv",
        source: "const LONE_SURROGATE = /\\p{Cs}/u;
const ASCII_BLANKS = /^[ \\t\\n\\f\\r]+|[ \\t\\n\\f\\r]+$/g;
function toCsv(v) {
  if (typeof v !== 'string' || LONE_SURROGATE.test(v)) return undefined;
  const out = [];
  for (const part of v.split(',')) {
    const item = part.replace(ASCII_BLANKS, '');
    if (item !== '') out.push(item);
  }
  return out;
}",
    };
    fn parse(raw: &str) -> Option<Vec<String>> {
        raw_str_strict(raw).map(|s| csv_items(&s).map(str::to_owned).collect())
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        let Some(text) = raw_str_strict(raw) else { return false };
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
}

impl<E: OpenEnum> FieldType for Enum<E> {
    type Out = E;
    const WIRE: &'static str = r#""string""#;
    const TS: &'static str = E::TS_NAME;
    const JS: JsConvert = IS_STRING;
    fn parse(raw: &str) -> Option<E> {
        raw_str(raw).map(|s| E::from_wire(&s))
    }
    fn write_js(raw: &str, out: &mut String) -> bool {
        Str::write_js(raw, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bool_accepts_documented_spellings_only() {
        for (t, v) in [("true", true), ("false", false), ("\"True\"", true), ("\"False\"", false), ("\"true\"", true), ("\"fALSE\"", false)]
        {
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
        assert_eq!(Int::parse("\"-0\""), Some(0));
        assert_eq!(Int::parse("9007199254740991"), Some(MAX_SAFE_INTEGER));
        // What JSON.parse reads as an integer is one.
        assert_eq!(Int::parse("1e3"), Some(1000));
        assert_eq!(Int::parse("100.0"), Some(100));
        assert_eq!(Int::parse("-0.0"), Some(0));
        assert_eq!(Int::parse("9007199254740991.4"), Some(MAX_SAFE_INTEGER), "rounds to a safe integer, as JSON.parse does");
        for t in [
            "9007199254740992",
            "1.5",
            "1e400",
            "\"+1\"",
            "\" 1\"",
            "\"\"",
            "true",
            "99999999999999999999999",
            "\"1e3\"",
            "\"12345678901234567\"",
        ] {
            assert_eq!(Int::parse(t), None, "{t}");
        }
    }

    #[test]
    fn csv_list_splits_and_trims_ascii_blanks() {
        assert_eq!(CsvList::parse("\"hss, ces,,\\t\""), Some(vec!["hss".into(), "ces".into()]));
        assert_eq!(CsvList::parse("\"\u{a0}x\""), Some(vec!["\u{a0}x".into()]), "only ASCII blanks are trimmed");
        assert_eq!(CsvList::parse("\"a\\ud800\""), None, "a lone surrogate has no exact text");
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
        assert_eq!(StrList::parse("[\"a\",\"\\u00e9\"]"), Some(vec!["a".into(), "é".into()]));
        assert_eq!(StrList::parse("{}"), None);
    }
}
