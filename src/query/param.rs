//! How one query parameter is validated, written to the wire, and read back. Each row of the
//! parameter table in `query/mod.rs` names a [`ParamKind`]; the logic for each kind is written
//! once here (not once per parameter), and the typed query structs only move values in and out
//! ([`ParamField`]).

use crate::error::Error;
use crate::query::input::Input;
use crate::query::time::{bad_op, TimeFilter, TimeOp};
use crate::text::{bool_from_text, int_from_text, json_quote};

/// What a parameter holds, and so how it is checked and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A string, sent as given.
    Str,
    /// A boolean, sent as `true`/`false`.
    Bool,
    /// A non-negative integer (`min_ram`, `min_disk`), at most 2^53 - 1.
    Count,
    /// A positive integer (`limit`), at most 2^53 - 1.
    Positive,
    /// A documented set of strings that accepts any other string; `ts` names its union type.
    Enum {
        /// The TypeScript union's name.
        ts: &'static str,
    },
    /// `string | string[]`, sent as repeated parameters (`tag`).
    Repeated,
    /// `{ op, time }`, or the raw `op:time` form.
    Time,
}

/// A validated parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// `Str` and `Enum` kinds.
    Str(String),
    /// `Bool`.
    Bool(bool),
    /// `Count` and `Positive`.
    Int(u64),
    /// `Repeated`.
    List(Vec<String>),
    /// `Time`.
    Time(TimeFilter),
}

fn wrong_type(key: &str, expected: &str, v: &Input) -> Error {
    Error::invalid(key, format!("expected {expected}, got {}", v.type_name()))
}

fn single<'v>(key: &str, values: &'v [String]) -> Result<&'v str, Error> {
    match values {
        [one] => Ok(one),
        _ => Err(Error::invalid(key, format!("expected one value, got {}", values.len()))),
    }
}

impl ParamKind {
    /// The TypeScript type of the property.
    pub const fn ts(self) -> &'static str {
        match self {
            ParamKind::Str => "string",
            ParamKind::Bool => "boolean",
            ParamKind::Count | ParamKind::Positive => "number",
            ParamKind::Enum { ts } => ts,
            ParamKind::Repeated => "string | string[]",
            ParamKind::Time => "TimeFilter",
        }
    }

    fn min(self) -> u64 {
        u64::from(self == ParamKind::Positive)
    }

    /// Validates a caller's value; errors name `key` (the JS name).
    pub fn from_input(self, key: &str, v: &Input) -> Result<ParamValue, Error> {
        match (self, v) {
            (ParamKind::Str | ParamKind::Enum { .. }, Input::Str(s)) => Ok(ParamValue::Str(s.clone())),
            (ParamKind::Str | ParamKind::Enum { .. }, other) => Err(wrong_type(key, "a string", other)),
            (ParamKind::Bool, Input::Bool(b)) => Ok(ParamValue::Bool(*b)),
            (ParamKind::Bool, other) => Err(wrong_type(key, "a boolean", other)),
            (ParamKind::Count | ParamKind::Positive, v) => {
                let what = if self == ParamKind::Positive { "a positive integer" } else { "a non-negative integer" };
                match v {
                    Input::Int(n) => match u64::try_from(*n) {
                        Ok(n) if n >= self.min() => Ok(ParamValue::Int(n)),
                        _ => Err(Error::invalid(key, format!("expected {what}, got {n}"))),
                    },
                    Input::Number(t) => Err(Error::invalid(key, format!("expected {what}, got {t}"))),
                    other => Err(wrong_type(key, what, other)),
                }
            }
            (ParamKind::Repeated, Input::Str(s)) => Ok(ParamValue::List(vec![s.clone()])),
            (ParamKind::Repeated, Input::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Input::Str(s) => out.push(s.clone()),
                        other => return Err(wrong_type(&format!("{key}[{i}]"), "a string", other)),
                    }
                }
                Ok(ParamValue::List(out))
            }
            (ParamKind::Repeated, other) => Err(wrong_type(key, "a string or an array of strings", other)),
            (ParamKind::Time, v) => time_from_input(key, v).map(ParamValue::Time),
        }
    }

    /// Reads decoded wire values back (a server's view).
    pub fn from_wire(self, key: &str, values: &[String]) -> Result<ParamValue, Error> {
        match self {
            ParamKind::Str | ParamKind::Enum { .. } => single(key, values).map(|s| ParamValue::Str(s.to_owned())),
            ParamKind::Bool => {
                let s = single(key, values)?;
                bool_from_text(s)
                    .map(ParamValue::Bool)
                    .ok_or_else(|| Error::invalid(key, format!("{} is not true or false", json_quote(s))))
            }
            ParamKind::Count | ParamKind::Positive => {
                let s = single(key, values)?;
                match int_from_text(s).and_then(|n| u64::try_from(n).ok()) {
                    Some(n) if n >= self.min() => Ok(ParamValue::Int(n)),
                    _ => Err(Error::invalid(key, format!("{} is not an integer of at least {}", json_quote(s), self.min()))),
                }
            }
            ParamKind::Repeated => Ok(ParamValue::List(values.to_vec())),
            ParamKind::Time => TimeFilter::parse(single(key, values)?).map(ParamValue::Time).map_err(|why| Error::invalid(key, why)),
        }
    }
}

fn time_from_input(key: &str, v: &Input) -> Result<TimeFilter, Error> {
    let bad = |why: String| Error::invalid(key, why);
    match v {
        Input::Str(s) => TimeFilter::parse(s).map_err(bad),
        Input::Object(members) => {
            let mut op = None;
            let mut time = None;
            for (k, v) in members {
                match (k.as_str(), v) {
                    (_, Input::Absent) => {}
                    ("op", Input::Str(s)) => op = Some(TimeOp::from_name(s).ok_or_else(|| bad(bad_op(s)))?),
                    ("op", other) => return Err(wrong_type(&format!("{key}.op"), "a string", other)),
                    ("time", t) => time = Some(t),
                    (other, _) => return Err(Error::invalid(&format!("{key}.{other}"), "unknown key")),
                }
            }
            let op = op.ok_or_else(|| bad("missing op".into()))?;
            match time {
                Some(Input::Str(t)) => TimeFilter::new(op, t).map_err(bad),
                Some(Input::Date(Some(ms))) => TimeFilter::at_epoch_ms(op, *ms).map_err(bad),
                Some(Input::Date(None)) => Err(bad("the Date is invalid".into())),
                Some(other) => Err(wrong_type(&format!("{key}.time"), "a string or a Date", other)),
                None => Err(bad("missing time".into())),
            }
        }
        other => Err(wrong_type(key, "{ op, time } or 'op:time'", other)),
    }
}

/// A typed query field's value: built from a validated [`ParamValue`], written to the wire.
pub trait ParamField: Sized {
    /// The kind a field of this type has, unless its row says otherwise (`limit` is `Positive`).
    const KIND: ParamKind;
    /// The field from a value of its kind (`None` for a value of another kind).
    fn from_value(v: ParamValue) -> Option<Self>;
    /// The field as a value of its kind.
    fn to_value(&self) -> ParamValue;
}

impl ParamField for String {
    const KIND: ParamKind = ParamKind::Str;
    fn from_value(v: ParamValue) -> Option<Self> {
        match v {
            ParamValue::Str(s) => Some(s),
            _ => None,
        }
    }
    fn to_value(&self) -> ParamValue {
        ParamValue::Str(self.clone())
    }
}

impl ParamField for bool {
    const KIND: ParamKind = ParamKind::Bool;
    fn from_value(v: ParamValue) -> Option<Self> {
        match v {
            ParamValue::Bool(b) => Some(b),
            _ => None,
        }
    }
    fn to_value(&self) -> ParamValue {
        ParamValue::Bool(*self)
    }
}

impl ParamField for u64 {
    const KIND: ParamKind = ParamKind::Count;
    fn from_value(v: ParamValue) -> Option<Self> {
        match v {
            ParamValue::Int(n) => Some(n),
            _ => None,
        }
    }
    fn to_value(&self) -> ParamValue {
        ParamValue::Int(*self)
    }
}

impl ParamField for Vec<String> {
    const KIND: ParamKind = ParamKind::Repeated;
    fn from_value(v: ParamValue) -> Option<Self> {
        match v {
            ParamValue::List(l) => Some(l),
            _ => None,
        }
    }
    fn to_value(&self) -> ParamValue {
        ParamValue::List(self.clone())
    }
}

impl ParamField for TimeFilter {
    const KIND: ParamKind = ParamKind::Time;
    fn from_value(v: ParamValue) -> Option<Self> {
        match v {
            ParamValue::Time(t) => Some(t),
            _ => None,
        }
    }
    fn to_value(&self) -> ParamValue {
        ParamValue::Time(self.clone())
    }
}
