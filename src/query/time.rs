//! `created_at` / `updated_at` filters: `op:time`, with the six documented operators and the two
//! documented time formats (`yyyy-MM-ddThh:mm:ssZ`, `yyyy-MM-dd hh:mm:ss`); and the calendar
//! arithmetic the client needs (epoch milliseconds, as a JS `Date` holds them, to and from UTC).

use crate::closed_enum::closed_enum;
use crate::dates::format_epoch_ms;
use crate::text::{concat, join, json_quote};

closed_enum! {
    /// A time filter's comparison operator.
    TimeOp {
        /// greater than
        Gt = "gt",
        /// greater than or equal to
        Gte = "gte",
        /// less than
        Lt = "lt",
        /// less than or equal to
        Lte = "lte",
        /// equal to
        Eq = "eq",
        /// not equal to
        Neq = "neq",
    }
}

/// The operators as the error messages list them (`gt, gte, lt, lte, eq, neq`).
fn op_list() -> String {
    join(TimeOp::ALL.iter().map(|op| op.as_str()), ", ")
}

/// A validated time filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeFilter {
    /// The comparison.
    pub op: TimeOp,
    time: String,
}

impl TimeFilter {
    /// `time` must be in one of the two documented formats.
    pub fn new(op: TimeOp, time: &str) -> Result<TimeFilter, String> {
        if is_valid_time(time) {
            Ok(TimeFilter { op, time: time.to_owned() })
        } else {
            Err(concat(&["time ", &json_quote(time), " is not yyyy-MM-ddThh:mm:ssZ or yyyy-MM-dd hh:mm:ss"]))
        }
    }

    /// A filter at an instant given as milliseconds since the Unix epoch (a JS `Date`), written
    /// as `yyyy-MM-ddThh:mm:ssZ` (sub-second part dropped).
    pub fn at_epoch_ms(op: TimeOp, ms: i64) -> Result<TimeFilter, String> {
        let time = format_epoch_ms(ms).ok_or_else(|| "the Date is invalid or out of range".to_owned())?;
        Ok(TimeFilter { op, time })
    }

    /// The raw form `lt:2018-10-28T10:00:00Z`.
    pub fn parse(s: &str) -> Result<TimeFilter, String> {
        let (op, time) = s.split_once(':').ok_or_else(|| concat(&[&json_quote(s), " is not op:time"]))?;
        let op = TimeOp::from_name(op).ok_or_else(|| bad_op(op))?;
        TimeFilter::new(op, time)
    }

    /// The time, in one of the two documented formats.
    pub fn time(&self) -> &str {
        &self.time
    }

    /// The wire form, `op:time`.
    pub fn to_wire(&self) -> String {
        crate::text::concat(&[self.op.as_str(), ":", &self.time])
    }
}

/// The message for an operator outside the six.
pub(crate) fn bad_op(op: &str) -> String {
    concat(&["operator ", &json_quote(op), " is not one of ", &op_list()])
}

fn digits(s: &str) -> Option<u32> {
    crate::text::digits(s).and_then(|n| u32::try_from(n).ok())
}

/// Exactly `yyyy-MM-ddThh:mm:ssZ` or `yyyy-MM-dd hh:mm:ss`, with real calendar values.
pub fn is_valid_time(s: &str) -> bool {
    let (date, clock) = if let Some(rest) = s.strip_suffix('Z') {
        match rest.split_once('T') {
            Some(p) => p,
            None => return false,
        }
    } else {
        match s.split_once(' ') {
            Some(p) => p,
            None => return false,
        }
    };
    let d: Vec<&str> = date.split('-').collect();
    let c: Vec<&str> = clock.split(':').collect();
    let (&[y, mo, da], &[h, mi, se]) = (d.as_slice(), c.as_slice()) else {
        return false;
    };
    if y.len() != 4 || mo.len() != 2 || da.len() != 2 || h.len() != 2 || mi.len() != 2 || se.len() != 2 {
        return false;
    }
    match (digits(y), digits(mo), digits(da), digits(h), digits(mi), digits(se)) {
        (Some(y), Some(mo), Some(da), Some(h), Some(mi), Some(se)) => {
            (1..=12).contains(&mo) && da >= 1 && da <= crate::dates::days_in_month(i64::from(y), mo) && h < 24 && mi < 60 && se < 60
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_documented_formats() {
        assert!(is_valid_time("2018-10-28T10:00:00Z"));
        assert!(is_valid_time("2018-10-28 10:00:00"));
        assert!(is_valid_time("2024-02-29 23:59:59"));
        for bad in [
            "2018-10-28T10:00:00",
            "2018-10-28 10:00:00Z",
            "2018-13-01 00:00:00",
            "2023-02-29 00:00:00",
            "2018-10-28T24:00:00Z",
            "18-10-28 10:00:00",
            "2018-10-28T10:00:00.000Z",
            "",
            "2018-1-28 10:00:00",
            "2018-10-28T10:00Z",
            "+018-10-28 10:00:00",
        ] {
            assert!(!is_valid_time(bad), "{bad}");
        }
    }
}
