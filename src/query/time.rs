//! `created_at` / `updated_at` filters: `op:time`, with the six documented operators and the two
//! documented time formats (`yyyy-MM-ddThh:mm:ssZ`, `yyyy-MM-dd hh:mm:ss`); and the calendar
//! arithmetic the client needs (epoch milliseconds, as a JS `Date` holds them, to and from UTC).

use crate::named::named_enum;
use crate::text::{join, json_quote};

named_enum! {
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
            Err(format!("time {} is not yyyy-MM-ddThh:mm:ssZ or yyyy-MM-dd hh:mm:ss", json_quote(time)))
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
        let (op, time) = s.split_once(':').ok_or_else(|| format!("{} is not op:time", json_quote(s)))?;
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
    format!("operator {} is not one of {}", json_quote(op), op_list())
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
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
            (1..=12).contains(&mo) && da >= 1 && da <= days_in_month(i64::from(y), mo) && h < 24 && mi < 60 && se < 60
        }
        _ => false,
    }
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a civil date (the inverse of `civil_from_days`), for years 0 to 9999.
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The first and last instants this client formats: 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z.
const MIN_MS: i64 = -62_167_219_200_000;
const MAX_MS: i64 = 253_402_300_799_999;

/// Broken-down UTC time of an epoch-milliseconds instant, years 0000 to 9999 only.
pub fn utc_parts(ms: i64) -> Option<(i64, u32, u32, u32, u32, u32)> {
    if !(MIN_MS..=MAX_MS).contains(&ms) {
        return None;
    }
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let rem = u32::try_from(rem).ok()?;
    Some((y, m, d, rem / 3600, rem % 3600 / 60, rem % 60))
}

/// The instant as `yyyy{d}MM{d}ddThh{t}mm{t}ssZ` (`d`, `t`: the date and time separators),
/// written digit by digit (no formatting machinery on the signing path).
fn write_utc(ms: i64, d: &str, t: &str) -> Option<String> {
    let (y, mo, da, h, mi, s) = utc_parts(ms)?;
    let y = u32::try_from(y).ok()?;
    let digit = |n: u32| char::from_digit(n % 10, 10).unwrap_or('0');
    let mut out = String::with_capacity(20);
    out.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    for (n, before) in [(mo, d), (da, d), (h, "T"), (mi, t), (s, t)] {
        out.push_str(before);
        out.extend([digit(n / 10), digit(n)]);
    }
    out.push('Z');
    Some(out)
}

/// `yyyy-MM-ddThh:mm:ssZ`.
pub fn format_epoch_ms(ms: i64) -> Option<String> {
    write_utc(ms, "-", ":")
}

/// `yyyyMMddThhmmssZ`, the `X-Sdk-Date` form.
pub fn format_sdk_date(ms: i64) -> Option<String> {
    write_utc(ms, "", "")
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

    #[test]
    fn epoch_formatting() {
        assert_eq!(format_epoch_ms(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(format_epoch_ms(1_540_720_800_999).as_deref(), Some("2018-10-28T10:00:00Z"));
        assert_eq!(format_epoch_ms(-1).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(format_sdk_date(951_782_400_000).as_deref(), Some("20000229T000000Z"));
        assert_eq!(format_epoch_ms(MIN_MS).as_deref(), Some("0000-01-01T00:00:00Z"));
        assert_eq!(format_epoch_ms(MAX_MS).as_deref(), Some("9999-12-31T23:59:59Z"));
        assert_eq!(format_epoch_ms(MAX_MS + 1), None);
        assert_eq!(format_epoch_ms(i64::MIN), None);
    }

    #[test]
    fn civil_days_round_trip() {
        for days in [-719_528, -1, 0, 1, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1994, 11, 6), 9075);
    }
}
