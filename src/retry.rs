//! The retry policy, and the one place that decides whether a failure is worth retrying:
//! 429, 500, 502, 503, 504, network errors and timeouts; never another 4xx, never after the
//! caller aborted, never past `maxRetries`. Full-jitter exponential backoff, honouring
//! `Retry-After`. Pure decisions: the client loop (`call.rs`) asks, the I/O layer waits.

use crate::error::{Error, ErrorKind};

/// First backoff window, in milliseconds.
pub const BASE_DELAY_MS: u64 = 200;
/// The largest backoff window, in milliseconds.
pub const MAX_DELAY_MS: u64 = 20_000;
/// A `Retry-After` longer than this is not waited for: the error is returned instead.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;

/// Statuses worth retrying: 429 and the transient 5xx.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Whether a failure of this kind (and status, for `http`) could succeed on a retry.
pub fn is_retryable(kind: ErrorKind, status: Option<u16>) -> bool {
    match kind {
        ErrorKind::Network | ErrorKind::Timeout => true,
        ErrorKind::Http => status.is_some_and(is_retryable_status),
        ErrorKind::InvalidArgument | ErrorKind::Aborted | ErrorKind::Parse | ErrorKind::Pagination => false,
    }
}

/// A failure to send or to read a response (kind `network` or `timeout`), classified.
pub fn transport_error(kind: ErrorKind, message: impl Into<String>) -> Error {
    let mut e = Error::new(kind, message);
    e.retryable = is_retryable(kind, None);
    e
}

/// `Retry-After` as milliseconds from `now_ms`: delta-seconds or an HTTP-date (IMF-fixdate).
/// `None` when it is neither; a date in the past is 0.
pub fn retry_after_ms(value: &str, now_ms: i64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Any number of digits: a huge value saturates, and is then too long to wait for.
        return Some(crate::text::digits(v).unwrap_or(u64::MAX).saturating_mul(1000));
    }
    let at = http_date_ms(v)?;
    Some(u64::try_from(at.saturating_sub(now_ms)).unwrap_or(0))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` as epoch milliseconds (years 1 to 9999).
fn http_date_ms(s: &str) -> Option<i64> {
    let mut parts = s.split_whitespace();
    let (_weekday, day, month, year, time, zone) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if zone != "GMT" || parts.next().is_some() || day.len() > 2 || year.len() != 4 {
        return None;
    }
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].iter().position(|m| *m == month)?;
    let number = |s: &str| crate::text::digits(s).and_then(|n| i64::try_from(n).ok());
    let (day, year) = (number(day)?, number(year)?);
    let mut hms = time.split(':').map(|p| if p.len() == 2 { number(p) } else { None });
    let (h, mi, se) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some() || !(1..=31).contains(&day) || !(0..24).contains(&h) || !(0..60).contains(&mi) || !(0..61).contains(&se) {
        return None;
    }
    let days = crate::dates::days_from_civil(year, u32::try_from(month).ok()? + 1, u32::try_from(day).ok()?);
    Some(((days * 86_400 + h * 3600 + mi * 60 + se) * 1000).max(0))
}

/// How long to wait before the next attempt, or `None` to give up. `attempts` is how many
/// requests were made so far; `random` is a uniformly drawn 32-bit number (the jitter).
pub fn next_delay_ms(e: &Error, attempts: u32, max_retries: u32, retry_after_ms: Option<u64>, random: u32) -> Option<u64> {
    if !e.retryable || attempts > max_retries {
        return None;
    }
    if let Some(ra) = retry_after_ms {
        return (ra <= MAX_RETRY_AFTER_MS).then_some(ra);
    }
    let exp = attempts.saturating_sub(1).min(20);
    let window = BASE_DELAY_MS.saturating_mul(1u64 << exp).min(MAX_DELAY_MS);
    // Full jitter: uniform in [0, window).
    Some((window * u64::from(random)) >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::http_error;

    const HALF: u32 = 1 << 31;

    #[test]
    fn retries_only_what_can_succeed() {
        let r = |s: u16| next_delay_ms(&http_error(s, b"", None), 1, 3, None, HALF);
        for s in [429, 500, 502, 503, 504] {
            assert!(r(s).is_some(), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 501] {
            assert_eq!(r(s), None, "{s}");
        }
        let net = transport_error(ErrorKind::Network, "x");
        assert!(next_delay_ms(&net, 1, 3, None, 0).is_some());
        assert_eq!(next_delay_ms(&net, 4, 3, None, 0), None, "3 retries means 4 attempts at most");
        assert_eq!(next_delay_ms(&Error::new(ErrorKind::Aborted, "x"), 1, 3, None, 0), None);
        assert_eq!(next_delay_ms(&Error::new(ErrorKind::Parse, "x"), 1, 3, None, 0), None);
        assert_eq!(next_delay_ms(&net, 1, 0, None, 0), None);
    }

    #[test]
    fn full_jitter_windows_grow_and_cap() {
        let t = transport_error(ErrorKind::Timeout, "x");
        assert_eq!(next_delay_ms(&t, 1, 99, None, u32::MAX), Some(199));
        assert_eq!(next_delay_ms(&t, 2, 99, None, HALF), Some(200));
        assert_eq!(next_delay_ms(&t, 3, 99, None, HALF), Some(400));
        assert_eq!(next_delay_ms(&t, 20, 99, None, u32::MAX), Some(19_999));
        assert_eq!(next_delay_ms(&t, u32::MAX, u32::MAX, None, u32::MAX), Some(19_999));
        assert_eq!(next_delay_ms(&t, 1, 99, None, 0), Some(0));
    }

    #[test]
    fn retry_after_is_honoured() {
        let e = http_error(429, b"", None);
        assert_eq!(next_delay_ms(&e, 1, 3, retry_after_ms("1", 0), HALF), Some(1000));
        assert_eq!(next_delay_ms(&e, 1, 3, retry_after_ms("3600", 0), HALF), None, "too long to wait");
        let now = 784_111_777_000; // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:49:39 GMT", now), Some(2000));
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:49:30 GMT", now), Some(0));
        assert_eq!(retry_after_ms("soon", now), None);
        assert_eq!(retry_after_ms("", now), None);
    }

    #[test]
    fn absurd_retry_after_values_do_not_overflow() {
        assert_eq!(retry_after_ms("99999999999999999999999999", 0), Some(u64::MAX));
        assert!(retry_after_ms("Sun, 06 Nov 9999 08:49:39 GMT", i64::MIN).is_some_and(|ms| ms > MAX_RETRY_AFTER_MS));
        assert_eq!(retry_after_ms("Sun, 06 Nov 0001 08:49:39 GMT", i64::MAX), Some(0));
        for bad in [
            "Sun, 06 Nov 99999999999 08:49:39 GMT",
            "Sun, 06 Nov -1 08:49:39 GMT",
            "Sun, 99 Nov 1994 08:49:39 GMT",
            "Sun, 06 Nov 1994 8:49:39 GMT",
            "Sun, 06 Nov 1994 08:49:39:00 GMT",
            "Sun, 06 Nov 1994 08:49:39 GMT extra",
        ] {
            assert_eq!(retry_after_ms(bad, 0), None, "{bad}");
        }
    }
}
