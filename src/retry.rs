//! The retry policy: which failures are retried, and how long to wait. Pure decisions; the
//! bindings do the waiting. Retries: 429, 500, 502, 503, 504, network errors and timeouts, with
//! full-jitter exponential backoff, honouring `Retry-After`; never another 4xx; never after the
//! caller aborted; never past `maxRetries`.

use crate::error::{Error, ErrorKind};

/// First backoff window, and the largest.
pub const BASE_DELAY_MS: f64 = 200.0;
pub const MAX_DELAY_MS: f64 = 20_000.0;
/// A `Retry-After` longer than this is not waited for: the error is returned instead.
pub const MAX_RETRY_AFTER_MS: f64 = 60_000.0;

/// `Retry-After` as milliseconds from `now_ms`: delta-seconds or an HTTP-date (IMF-fixdate).
pub fn retry_after_ms(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<f64>().ok().map(|s| s * 1000.0);
    }
    http_date_ms(v).map(|t| (t - now_ms).max(0.0))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` as epoch milliseconds.
fn http_date_ms(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| m == month)? as i64
        + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, mi, se] = hms.as_slice() else { return None };
    if !(1..=31).contains(&day) || !(0..24).contains(h) || !(0..60).contains(mi) || !(0..61).contains(se) {
        return None;
    }
    // Days from the civil date (Howard Hinnant), inverse of query::time's conversion.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + mi * 60 + se) * 1000) as f64)
}

/// Whether a failure of this kind could succeed on a retry.
pub fn is_retryable(e: &Error) -> bool {
    match e.kind {
        ErrorKind::Network | ErrorKind::Timeout => true,
        ErrorKind::Http => e.status.is_some_and(crate::error::is_retryable_status),
        _ => false,
    }
}

/// How long to wait before the next attempt, or `None` to give up. `attempts` is how many
/// requests were made so far; `random` is uniform in [0, 1).
pub fn next_delay_ms(e: &Error, attempts: u32, max_retries: u32, retry_after_ms: Option<f64>, random: f64) -> Option<f64> {
    if !is_retryable(e) || attempts > max_retries {
        return None;
    }
    if let Some(ra) = retry_after_ms {
        return (ra <= MAX_RETRY_AFTER_MS).then_some(ra);
    }
    let exp = attempts.saturating_sub(1).min(30);
    let window = (BASE_DELAY_MS * f64::from(1u32 << exp.min(20))).min(MAX_DELAY_MS);
    Some((random.clamp(0.0, 1.0) * window).floor())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::http_error;

    #[test]
    fn retries_only_what_can_succeed() {
        let r = |s: u16| next_delay_ms(&http_error(s, b"", None), 1, 3, None, 0.5);
        for s in [429, 500, 502, 503, 504] {
            assert!(r(s).is_some(), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 501] {
            assert_eq!(r(s), None, "{s}");
        }
        let net = Error::new(ErrorKind::Network, "x");
        assert!(next_delay_ms(&net, 1, 3, None, 0.0).is_some());
        assert_eq!(next_delay_ms(&net, 4, 3, None, 0.0), None, "3 retries means 4 attempts at most");
        assert_eq!(next_delay_ms(&Error::new(ErrorKind::Aborted, "x"), 1, 3, None, 0.0), None);
        assert_eq!(next_delay_ms(&Error::new(ErrorKind::Parse, "x"), 1, 3, None, 0.0), None);
        assert_eq!(next_delay_ms(&net, 1, 0, None, 0.0), None);
    }

    #[test]
    fn full_jitter_windows_grow_and_cap() {
        let net = Error::new(ErrorKind::Timeout, "x");
        assert_eq!(next_delay_ms(&net, 1, 99, None, 0.999_999), Some(199.0));
        assert_eq!(next_delay_ms(&net, 2, 99, None, 0.5), Some(200.0));
        assert_eq!(next_delay_ms(&net, 3, 99, None, 0.5), Some(400.0));
        assert_eq!(next_delay_ms(&net, 20, 99, None, 0.999_999), Some(19_999.0));
        assert_eq!(next_delay_ms(&net, 1, 99, None, 0.0), Some(0.0));
    }

    #[test]
    fn retry_after_is_honoured() {
        let e = http_error(429, b"", None);
        assert_eq!(next_delay_ms(&e, 1, 3, retry_after_ms("1", 0.0), 0.9), Some(1000.0));
        assert_eq!(next_delay_ms(&e, 1, 3, retry_after_ms("3600", 0.0), 0.9), None, "too long to wait");
        let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:49:39 GMT", now), Some(2000.0));
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:49:30 GMT", now), Some(0.0));
        assert_eq!(retry_after_ms("soon", now), None);
        assert_eq!(retry_after_ms("", now), None);
    }
}
