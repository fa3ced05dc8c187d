//! A neutral dynamic value for what a caller hands over (options, queries, credentials). The
//! bindings turn a JS value into this and nothing more; validation against the tables happens
//! in the core, so it is the same natively and in JS, and every error names its key.
//!
//! Numbers are kept exactly as far as the core needs them: an integer within ±(2^53 − 1) is an
//! `Int`; any other number is kept as its text, only ever to be named in an error. So the core
//! never parses or formats a float.
//!
//! ## JSON form
//! [`Input::from_json_text`] reads the JSON form the bindings send: plain JSON maps onto `Input`
//! (`null` is `Absent`), and an object whose only key is `"\u0000"` is a value JSON cannot hold:
//! `["date", ms | null]` (a `Date`; `null` when invalid), `["num", "NaN"]` (a number JSON cannot
//! hold), `["other", type name]` (a function, a class instance, a symbol, ...).
//!
//! A JS string can hold a lone surrogate, which no Rust string can: such a string is
//! `Other("a string holding a lone surrogate")` (and an object with such a key is
//! `Other("an object with a key holding a lone surrogate")`), so every check that wants a string
//! refuses it naming its key, where a lossy decoding would silently send U+FFFD instead (a
//! different image id, a different tag).

use crate::error::Error;
use crate::scan::{self, Scanner};
use crate::text::{concat, MAX_SAFE_INTEGER};

/// One value as the caller gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `undefined` or `null`: the parameter is absent.
    Absent,
    /// A boolean.
    Bool(bool),
    /// An integral number within ±(2^53 − 1).
    Int(i64),
    /// Any other number, as its text (`1.5`, `NaN`, `1e+300`), for error messages.
    Number(String),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Input>),
    /// A plain object's own enumerable members, in order.
    Object(Vec<(String, Input)>),
    /// A JS `Date`, as milliseconds since the epoch (`None` for an invalid date).
    Date(Option<i64>),
    /// Anything else (function, symbol, bigint, class instance, ...), by its type name.
    Other(String),
}

/// What a string holding a lone surrogate is called in messages.
const LONE_SURROGATE: &str = "a string holding a lone surrogate";
/// What an object with such a key is called in messages.
const LONE_SURROGATE_KEY: &str = "an object with a key holding a lone surrogate";

/// How deep the JSON form may nest (the bindings cut deeper values off before this).
const MAX_DEPTH: u32 = 64;
/// How many members an object may have: far more than any options or query object needs, and
/// few enough that keeping the last of a repeated key stays cheap.
const MAX_MEMBERS: usize = 1000;

impl Input {
    /// The type name used in error messages (`expected a string, got number`).
    pub fn type_name(&self) -> &str {
        match self {
            Input::Absent => "undefined",
            Input::Bool(_) => "boolean",
            Input::Int(_) | Input::Number(_) => "number",
            Input::Str(_) => "string",
            Input::Array(_) => "array",
            Input::Object(_) => "object",
            Input::Date(_) => "Date",
            Input::Other(t) => t,
        }
    }

    /// A string, else an error naming `key`.
    pub fn string(&self, key: &str) -> Result<String, Error> {
        match self {
            Input::Str(s) => Ok(s.clone()),
            other => Err(Error::invalid(key, concat(&["expected a string, got ", other.type_name()]))),
        }
    }

    /// The members of an options object, in order (none for an absent value); anything else is
    /// an error naming `key` that says what was `expected` (`{ signal?, timeoutMs? }`).
    pub fn option_members(&self, key: &str, expected: &str) -> Result<&[(String, Input)], Error> {
        match self {
            Input::Absent => Ok(&[]),
            Input::Object(members) => Ok(members),
            other => Err(Error::invalid(key, concat(&["expected ", expected, ", got ", other.type_name()]))),
        }
    }

    /// An object of strings, in order, absent members skipped (and nothing for an absent value);
    /// errors name `key`, or `key.member` for a member that is not a string.
    pub fn string_map(&self, key: &str) -> Result<Vec<(String, String)>, Error> {
        match self {
            Input::Absent => Ok(Vec::new()),
            Input::Object(members) => members
                .iter()
                .filter(|(_, v)| !matches!(v, Input::Absent))
                .map(|(k, v)| match v {
                    Input::Str(s) => Ok((k.clone(), s.clone())),
                    other => Err(Error::invalid(&concat(&[key, ".", k]), concat(&["expected a string, got ", other.type_name()]))),
                })
                .collect(),
            other => Err(Error::invalid(key, concat(&["expected an object of strings, got ", other.type_name()]))),
        }
    }

    /// The number as the caller wrote it, for messages (`1.5`, `NaN`); `None` if not a number.
    pub fn number_text(&self) -> Option<String> {
        match self {
            Input::Int(n) => Some(crate::text::int(*n)),
            Input::Number(t) => Some(t.clone()),
            _ => None,
        }
    }

    /// Builds an `Input` from a parsed JSON value (for native callers holding JSON).
    pub fn from_json(v: &serde_json::Value) -> Input {
        use serde_json::Value;
        match v {
            Value::Null => Input::Absent,
            Value::Bool(b) => Input::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) if i.abs() <= MAX_SAFE_INTEGER => Input::Int(i),
                _ => Input::Number(n.to_string()),
            },
            Value::String(s) => Input::Str(s.clone()),
            Value::Array(a) => Input::Array(a.iter().map(Input::from_json).collect()),
            Value::Object(o) => Input::Object(o.iter().map(|(k, v)| (k.clone(), Input::from_json(v))).collect()),
        }
    }

    /// Reads the JSON form described in the module docs. Repeated keys: the last one wins.
    pub fn from_json_text(text: &str) -> Result<Input, Error> {
        let mut sc = Scanner::new(text, "input");
        let v = read(&mut sc, 0)?;
        sc.end()?;
        Ok(v)
    }
}

/// An integer's text within ±(2^53 − 1) as `Int`; anything else as `Number(text)`.
fn number(raw: &str) -> Input {
    crate::text::int_from_text(raw).map_or_else(|| Input::Number(raw.to_owned()), Input::Int)
}

/// The value at the cursor, read in one pass (nested values included).
fn read(sc: &mut Scanner<'_>, depth: u32) -> Result<Input, Error> {
    let too_deep = || Error::invalid("input", "nested too deeply");
    if sc.is_at(b'[') {
        if depth >= MAX_DEPTH {
            return Err(too_deep());
        }
        let mut items = Vec::new();
        sc.array(|sc| {
            items.push(read(sc, depth + 1)?);
            Ok(())
        })?;
        return Ok(Input::Array(items));
    }
    if sc.is_at(b'{') {
        if depth >= MAX_DEPTH {
            return Err(too_deep());
        }
        let mut out: Vec<(String, Input)> = Vec::new();
        let mut unreadable_key = false;
        sc.object_raw(|sc, _, raw_key| {
            if out.len() >= MAX_MEMBERS {
                return Err(Error::invalid("input", "an object with more than 1000 members"));
            }
            let value = read(sc, depth + 1)?;
            let Some(key) = scan::raw_str_strict(raw_key) else {
                unreadable_key = true;
                return Ok(());
            };
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => out.push((key.into_owned(), value)),
            }
            Ok(())
        })?;
        if unreadable_key {
            return Ok(Input::Other(LONE_SURROGATE_KEY.into()));
        }
        if let [(key, Input::Array(parts))] = out.as_slice() {
            if key == "\u{0}" {
                return Ok(special(parts));
            }
        }
        return Ok(Input::Object(out));
    }
    let raw = sc.value()?;
    Ok(match raw.as_bytes().first() {
        Some(b'n') => Input::Absent,
        Some(b't') => Input::Bool(true),
        Some(b'f') => Input::Bool(false),
        Some(b'"') => match scan::raw_str_strict(raw) {
            Some(s) => Input::Str(s.into_owned()),
            None => Input::Other(LONE_SURROGATE.into()),
        },
        _ => number(raw),
    })
}

/// `["date", ms | null]`, `["num", text]`, `["other", type name]`.
fn special(parts: &[Input]) -> Input {
    let text = |i: usize| match parts.get(i) {
        Some(Input::Str(s)) => Some(s.clone()),
        _ => None,
    };
    match text(0).as_deref() {
        Some("date") => Input::Date(match parts.get(1) {
            Some(Input::Int(ms)) => Some(*ms),
            _ => None,
        }),
        Some("num") => Input::Number(text(1).unwrap_or_else(|| "NaN".into())),
        Some("other") => Input::Other(text(1).unwrap_or_else(|| "unknown".into())),
        _ => Input::Other("unknown".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_form() {
        let v = Input::from_json_text(r#"{"a":[1,-0,1.5,9007199254740992,"x",null,true],"d":{"\u0000":["date",86400000]},"bad":{"\u0000":["date",null]},"n":{"\u0000":["num","NaN"]},"f":{"\u0000":["other","function"]},"a":2}"#).unwrap();
        assert_eq!(
            v,
            Input::Object(vec![
                ("a".into(), Input::Int(2)),
                ("d".into(), Input::Date(Some(86_400_000))),
                ("bad".into(), Input::Date(None)),
                ("n".into(), Input::Number("NaN".into())),
                ("f".into(), Input::Other("function".into())),
            ])
        );
        let arr = Input::from_json_text(r#"[1,-0,1.5,9007199254740992,-9007199254740991,"x",null,true]"#).unwrap();
        assert_eq!(
            arr,
            Input::Array(vec![
                Input::Int(1),
                Input::Int(0),
                Input::Number("1.5".into()),
                Input::Number("9007199254740992".into()),
                Input::Int(-9_007_199_254_740_991),
                Input::Str("x".into()),
                Input::Absent,
                Input::Bool(true)
            ])
        );
        assert!(Input::from_json_text(&"[".repeat(100).chars().chain("]".repeat(100).chars()).collect::<String>()).is_err());
        assert!(Input::from_json_text("{").is_err());
        assert_eq!(Input::from_json_text(r#""a\ud800""#).unwrap(), Input::Other(LONE_SURROGATE.into()));
        assert_eq!(Input::from_json_text(r#""a\ud83d\ude00""#).unwrap(), Input::Str("a\u{1F600}".into()));
        assert_eq!(Input::from_json_text(r#"{"\udc00":1}"#).unwrap(), Input::Other(LONE_SURROGATE_KEY.into()));
    }
}
