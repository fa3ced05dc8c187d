//! How one query parameter is validated, written to the wire, and read back. Each row of the
//! parameter table in `query/mod.rs` names one of these kinds.

use crate::enums::OpenEnum;
use crate::error::Error;
use crate::kinds::{bool_from_text, int_from_text, MAX_SAFE_INTEGER};
use crate::query::input::Input;
use crate::query::time::{TimeFilter, TimeOp};
use std::marker::PhantomData;

pub trait Param {
    type Out;
    /// Validates a JS-side value; errors name `key` (the JS name).
    fn from_input(key: &str, v: &Input) -> Result<Self::Out, Error>;
    /// The wire values (several for a repeated parameter).
    fn to_wire(v: &Self::Out) -> Vec<String>;
    /// Reads wire values back (used by the round-trip tests and by servers built on this crate).
    fn from_wire(key: &str, values: &[String]) -> Result<Self::Out, Error>;
    fn ts() -> String;
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

pub struct PStr;
pub struct PBool;
/// An integer of at least `MIN` (and at most 2^53 - 1).
pub struct PInt<const MIN: i64>;
/// A positive integer (`limit`).
pub type PPositive = PInt<1>;
/// A non-negative integer (`min_ram`, `min_disk`).
pub type PCount = PInt<0>;
pub struct PEnum<E>(PhantomData<E>);
/// `string | string[]`, sent as repeated parameters (`tag`).
pub struct PRepeated;
pub struct PTime;

impl Param for PStr {
    type Out = String;
    fn from_input(key: &str, v: &Input) -> Result<String, Error> {
        v.string(key)
    }
    fn to_wire(v: &String) -> Vec<String> {
        vec![v.clone()]
    }
    fn from_wire(key: &str, values: &[String]) -> Result<String, Error> {
        single(key, values).map(str::to_owned)
    }
    fn ts() -> String {
        "string".into()
    }
}

impl Param for PBool {
    type Out = bool;
    fn from_input(key: &str, v: &Input) -> Result<bool, Error> {
        match v {
            Input::Bool(b) => Ok(*b),
            other => Err(wrong_type(key, "a boolean", other)),
        }
    }
    fn to_wire(v: &bool) -> Vec<String> {
        vec![v.to_string()]
    }
    fn from_wire(key: &str, values: &[String]) -> Result<bool, Error> {
        let s = single(key, values)?;
        bool_from_text(s).ok_or_else(|| Error::invalid(key, format!("{s:?} is not true or false")))
    }
    fn ts() -> String {
        "boolean".into()
    }
}

fn integer(key: &str, v: &Input, min: i64) -> Result<u64, Error> {
    let what = if min > 0 { "a positive integer" } else { "a non-negative integer" };
    match v {
        Input::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER as f64 && *n >= min as f64 => Ok(*n as u64),
        Input::Number(n) => Err(Error::invalid(key, format!("expected {what}, got {n}"))),
        other => Err(wrong_type(key, what, other)),
    }
}

fn integer_from_wire(key: &str, values: &[String], min: i64) -> Result<u64, Error> {
    let s = single(key, values)?;
    match int_from_text(s) {
        Some(n) if n >= min => Ok(n as u64),
        _ => Err(Error::invalid(key, format!("{s:?} is not an integer of at least {min}"))),
    }
}

impl<const MIN: i64> Param for PInt<MIN> {
    type Out = u64;
    fn from_input(key: &str, v: &Input) -> Result<u64, Error> {
        integer(key, v, MIN)
    }
    fn to_wire(v: &u64) -> Vec<String> {
        vec![v.to_string()]
    }
    fn from_wire(key: &str, values: &[String]) -> Result<u64, Error> {
        integer_from_wire(key, values, MIN)
    }
    fn ts() -> String {
        "number".into()
    }
}

impl<E: OpenEnum> Param for PEnum<E> {
    type Out = E;
    fn from_input(key: &str, v: &Input) -> Result<E, Error> {
        match v {
            Input::Str(s) => Ok(E::from_wire(s)),
            other => Err(wrong_type(key, "a string", other)),
        }
    }
    fn to_wire(v: &E) -> Vec<String> {
        vec![v.as_str().to_owned()]
    }
    fn from_wire(key: &str, values: &[String]) -> Result<E, Error> {
        single(key, values).map(E::from_wire)
    }
    fn ts() -> String {
        E::TS_NAME.into()
    }
}

impl Param for PRepeated {
    type Out = Vec<String>;
    fn from_input(key: &str, v: &Input) -> Result<Vec<String>, Error> {
        match v {
            Input::Str(s) => Ok(vec![s.clone()]),
            Input::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Input::Str(s) => Ok(s.clone()),
                    other => Err(wrong_type(&format!("{key}[{i}]"), "a string", other)),
                })
                .collect(),
            other => Err(wrong_type(key, "a string or an array of strings", other)),
        }
    }
    fn to_wire(v: &Vec<String>) -> Vec<String> {
        v.clone()
    }
    fn from_wire(_key: &str, values: &[String]) -> Result<Vec<String>, Error> {
        Ok(values.to_vec())
    }
    fn ts() -> String {
        "string | string[]".into()
    }
}

impl Param for PTime {
    type Out = TimeFilter;
    fn from_input(key: &str, v: &Input) -> Result<TimeFilter, Error> {
        let bad = |why: String| TimeFilter::invalid(key, why);
        match v {
            Input::Str(s) => TimeFilter::parse(s).map_err(bad),
            Input::Object(members) => {
                let mut op = None;
                let mut time = None;
                for (k, v) in members {
                    match (k.as_str(), v) {
                        (_, Input::Absent) => {}
                        ("op", Input::Str(s)) => {
                            op = Some(TimeOp::parse(s).ok_or_else(|| {
                                bad(format!("operator {s:?} is not one of gt, gte, lt, lte, eq, neq"))
                            })?)
                        }
                        ("op", other) => return Err(wrong_type(&format!("{key}.op"), "a string", other)),
                        ("time", t) => time = Some(t.clone()),
                        (other, _) => return Err(Error::invalid(&format!("{key}.{other}"), "unknown key")),
                    }
                }
                let op = op.ok_or_else(|| bad("missing op".into()))?;
                match time {
                    Some(Input::Str(t)) => TimeFilter::new(op, &t).map_err(bad),
                    Some(Input::Date(ms)) => TimeFilter::at_epoch_ms(op, ms).map_err(bad),
                    Some(other) => Err(wrong_type(&format!("{key}.time"), "a string or a Date", &other)),
                    None => Err(bad("missing time".into())),
                }
            }
            other => Err(wrong_type(key, "{ op, time } or 'op:time'", other)),
        }
    }
    fn to_wire(v: &TimeFilter) -> Vec<String> {
        vec![v.to_wire()]
    }
    fn from_wire(key: &str, values: &[String]) -> Result<TimeFilter, Error> {
        TimeFilter::parse(single(key, values)?).map_err(|why| TimeFilter::invalid(key, why))
    }
    fn ts() -> String {
        "TimeFilter".into()
    }
}
