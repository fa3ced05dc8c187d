//! A neutral dynamic value for query input. The JS bindings convert a JS object into this (and
//! nothing more); validation against the parameter table happens in the core, so it is the same
//! natively and in JS, and every error names its key.

use crate::error::Error;

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// `undefined` or `null`: the parameter is absent.
    Absent,
    Bool(bool),
    Number(f64),
    Str(String),
    Array(Vec<Input>),
    Object(Vec<(String, Input)>),
    /// A JS `Date`, as milliseconds since the epoch (`NaN` for an invalid date).
    Date(f64),
    /// Anything else (function, symbol, bigint, ...), by its type name.
    Other(String),
}

impl Input {
    pub fn type_name(&self) -> &str {
        match self {
            Input::Absent => "undefined",
            Input::Bool(_) => "boolean",
            Input::Number(_) => "number",
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
            other => Err(Error::invalid(key, format!("expected a string, got {}", other.type_name()))),
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
                .map(|(k, v)| Ok((k.clone(), v.string(&format!("{key}.{k}"))?)))
                .collect(),
            other => Err(Error::invalid(key, format!("expected an object of strings, got {}", other.type_name()))),
        }
    }

    /// Builds an `Input` from JSON (for tests and native callers holding JSON).
    pub fn from_json(v: &serde_json::Value) -> Input {
        use serde_json::Value;
        match v {
            Value::Null => Input::Absent,
            Value::Bool(b) => Input::Bool(*b),
            Value::Number(n) => Input::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Input::Str(s.clone()),
            Value::Array(a) => Input::Array(a.iter().map(Input::from_json).collect()),
            Value::Object(o) => Input::Object(o.iter().map(|(k, v)| (k.clone(), Input::from_json(v))).collect()),
        }
    }
}
