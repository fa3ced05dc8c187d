//! How one query parameter is checked, written to the wire, and read back. Each row of the
//! parameter table in `query/mod.rs` names a [`ParamType`]; the logic for each type is written
//! once here (not once per parameter), and the typed query structs only move values in and out
//! ([`ParamField`]). Reading a JS caller's value is `interop.rs`'s.

use crate::error::Error;
use crate::open_enums::OpenEnum;
use crate::query::time::TimeFilter;
use crate::table::Row;
use crate::text::{bool_from_text, concat, int_from_text, int_text, json_quote};

/// A row of the query parameter table.
pub type ParamRow = Row<ParamType>;

/// What a parameter holds, and so how it is checked and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// A string, sent as given.
    Str,
    /// A boolean, sent as `true`/`false`.
    Bool,
    /// A non-negative integer (`min_ram`, `min_disk`), at most 2^53 - 1.
    Count,
    /// A positive integer (`limit`), at most 2^53 - 1.
    Positive,
    /// A documented set of strings that accepts any other string; `ts` names its union type.
    /// Where the documented values are numbers (`__os_bit`: `32`, `64`), those numbers are
    /// accepted as numbers too.
    Enum {
        /// The TypeScript union's name.
        ts: &'static str,
        /// The documented values.
        known: &'static [&'static str],
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

fn single<'v>(key: &str, values: &'v [String]) -> Result<&'v str, Error> {
    match values {
        [one] => Ok(one),
        _ => Err(Error::invalid(key, concat(&["expected one value, got ", &int_text(values.len() as u64)]))),
    }
}

impl ParamType {
    /// The TypeScript type of the property.
    pub const fn ts(self) -> &'static str {
        match self {
            ParamType::Str => "string",
            ParamType::Bool => "boolean",
            ParamType::Count | ParamType::Positive => "number",
            ParamType::Enum { ts, .. } => ts,
            ParamType::Repeated => "string | string[]",
            ParamType::Time => "TimeFilter",
        }
    }

    /// The least value of an integer type (`Positive`: 1).
    pub fn min(self) -> u64 {
        u64::from(self == ParamType::Positive)
    }

    /// Reads decoded wire values back (a server's view).
    pub fn from_wire(self, key: &str, values: &[String]) -> Result<ParamValue, Error> {
        match self {
            ParamType::Str | ParamType::Enum { .. } => single(key, values).map(|s| ParamValue::Str(s.to_owned())),
            ParamType::Bool => {
                let s = single(key, values)?;
                bool_from_text(s)
                    .map(ParamValue::Bool)
                    .ok_or_else(|| Error::invalid(key, concat(&[&json_quote(s), " is not true or false"])))
            }
            ParamType::Count | ParamType::Positive => {
                let s = single(key, values)?;
                match int_from_text(s).and_then(|n| u64::try_from(n).ok()) {
                    Some(n) if n >= self.min() => Ok(ParamValue::Int(n)),
                    _ => Err(Error::invalid(key, concat(&[&json_quote(s), " is not an integer of at least ", &int_text(self.min())]))),
                }
            }
            ParamType::Repeated => Ok(ParamValue::List(values.to_vec())),
            ParamType::Time => TimeFilter::parse(single(key, values)?).map(ParamValue::Time).map_err(|why| Error::invalid(key, why)),
        }
    }
}

/// A typed query field's value: built from a validated [`ParamValue`], written to the wire.
pub trait ParamField: Sized {
    /// The parameter type a field of this Rust type has, unless its row says otherwise (`limit` is `Positive`).
    const TYPE: ParamType;
    /// The field from a value of its type (`None` for a value of another type).
    fn from_value(v: ParamValue) -> Option<Self>;
    /// The field as a value of its type.
    fn to_value(&self) -> ParamValue;
}

impl ParamField for String {
    const TYPE: ParamType = ParamType::Str;
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
    const TYPE: ParamType = ParamType::Bool;
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
    const TYPE: ParamType = ParamType::Count;
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
    const TYPE: ParamType = ParamType::Repeated;
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
    const TYPE: ParamType = ParamType::Time;
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

impl<E: OpenEnum> ParamField for E {
    const TYPE: ParamType = ParamType::Enum { ts: E::TS_NAME, known: E::KNOWN };
    fn from_value(v: ParamValue) -> Option<Self> {
        match v {
            ParamValue::Str(s) => Some(E::from_wire(&s)),
            _ => None,
        }
    }
    fn to_value(&self) -> ParamValue {
        ParamValue::Str(self.as_str().to_owned())
    }
}
