//! Calendar arithmetic on epoch milliseconds (what a JS `Date` holds), and the instants this
//! client writes: ISO 8601 (`yyyy-MM-ddThh:mm:ssZ`, time filters) and the `X-Sdk-Date` form
//! (`yyyyMMddThhmmssZ`, signing). A leaf: it depends on nothing else here.

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
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
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
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

/// `yyyyMMddTHHmmssZ` with real digits in every place.
pub fn is_sdk_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            8 => *c == b'T',
            15 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
