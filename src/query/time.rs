//! `created_at` / `updated_at` filters: `op:time`, with the six documented operators and the two
//! documented time formats (`yyyy-MM-ddThh:mm:ssZ`, `yyyy-MM-dd hh:mm:ss`).

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeOp {
    Gt,
    Gte,
    Lt,
    Lte,
    Eq,
    Neq,
}

impl TimeOp {
    pub const ALL: [TimeOp; 6] = [TimeOp::Gt, TimeOp::Gte, TimeOp::Lt, TimeOp::Lte, TimeOp::Eq, TimeOp::Neq];

    pub fn as_str(self) -> &'static str {
        match self {
            TimeOp::Gt => "gt",
            TimeOp::Gte => "gte",
            TimeOp::Lt => "lt",
            TimeOp::Lte => "lte",
            TimeOp::Eq => "eq",
            TimeOp::Neq => "neq",
        }
    }

    pub fn parse(s: &str) -> Option<TimeOp> {
        TimeOp::ALL.into_iter().find(|op| op.as_str() == s)
    }
}

/// A validated time filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeFilter {
    pub op: TimeOp,
    time: String,
}

impl TimeFilter {
    /// `time` must be in one of the two documented formats.
    pub fn new(op: TimeOp, time: &str) -> Result<TimeFilter, String> {
        if is_valid_time(time) {
            Ok(TimeFilter { op, time: time.to_owned() })
        } else {
            Err(format!("time {time:?} is not yyyy-MM-ddThh:mm:ssZ or yyyy-MM-dd hh:mm:ss"))
        }
    }

    /// A filter at an instant given as milliseconds since the Unix epoch (a JS `Date`), written
    /// as `yyyy-MM-ddThh:mm:ssZ` (sub-second part dropped).
    pub fn at_epoch_ms(op: TimeOp, ms: f64) -> Result<TimeFilter, String> {
        let time = format_epoch_ms(ms).ok_or_else(|| "the Date is invalid or out of range".to_owned())?;
        Ok(TimeFilter { op, time })
    }

    /// The raw form `lt:2018-10-28T10:00:00Z`.
    pub fn parse(s: &str) -> Result<TimeFilter, String> {
        let (op, time) = s.split_once(':').ok_or_else(|| format!("{s:?} is not op:time"))?;
        let op = TimeOp::parse(op).ok_or_else(|| format!("operator {op:?} is not one of gt, gte, lt, lte, eq, neq"))?;
        TimeFilter::new(op, time)
    }

    pub fn time(&self) -> &str {
        &self.time
    }

    pub fn to_wire(&self) -> String {
        format!("{}:{}", self.op.as_str(), self.time)
    }

    pub(crate) fn invalid(key: &str, why: String) -> Error {
        Error::invalid(key, why)
    }
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
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Broken-down UTC time of an epoch-milliseconds instant, years 0000 to 9999 only.
pub fn utc_parts(ms: f64) -> Option<(i64, u32, u32, u32, u32, u32)> {
    if !ms.is_finite() {
        return None;
    }
    let secs = (ms / 1000.0).floor();
    if !(-62_167_219_200.0..=253_402_300_799.0).contains(&secs) {
        return None;
    }
    let secs = secs as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    Some((y, m, d, (rem / 3600) as u32, (rem % 3600 / 60) as u32, (rem % 60) as u32))
}

/// `yyyy-MM-ddThh:mm:ssZ`.
pub fn format_epoch_ms(ms: f64) -> Option<String> {
    let (y, m, d, h, mi, s) = utc_parts(ms)?;
    Some(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

/// `yyyyMMddThhmmssZ`, the `X-Sdk-Date` form.
pub fn format_sdk_date(ms: f64) -> Option<String> {
    let (y, m, d, h, mi, s) = utc_parts(ms)?;
    Some(format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}{s:02}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_documented_formats() {
        assert!(is_valid_time("2018-10-28T10:00:00Z"));
        assert!(is_valid_time("2018-10-28 10:00:00"));
        assert!(is_valid_time("2024-02-29 23:59:59"));
        for bad in ["2018-10-28T10:00:00", "2018-10-28 10:00:00Z", "2018-13-01 00:00:00", "2023-02-29 00:00:00",
            "2018-10-28T24:00:00Z", "18-10-28 10:00:00", "2018-10-28T10:00:00.000Z", "", "2018-1-28 10:00:00",
            "2018-10-28T10:00Z", "+018-10-28 10:00:00"] {
            assert!(!is_valid_time(bad), "{bad}");
        }
    }

    #[test]
    fn epoch_formatting() {
        assert_eq!(format_epoch_ms(0.0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(format_epoch_ms(1_540_720_800_999.0).as_deref(), Some("2018-10-28T10:00:00Z"));
        assert_eq!(format_epoch_ms(-1.0).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(format_sdk_date(951_782_400_000.0).as_deref(), Some("20000229T000000Z"));
        assert_eq!(format_epoch_ms(f64::NAN), None);
        assert_eq!(format_epoch_ms(1e20), None);
    }
}
