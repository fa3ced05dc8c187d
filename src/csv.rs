//! Images as spreadsheet rows: the rule the command line's `--output csv` and the demo's CSV
//! download share. RFC 4180 quoting; a cell a spreadsheet would run as a formula (text starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) defused with a leading `'`, as OWASP's
//! "CSV injection" advice says. Only text is defused: a negative number stays a number.
//!
//! A cell's value is a JSON value (an image field as the package's `Image` holds it): absent or
//! `null` is empty; a boolean or a number is its JS text; a list of strings (tags) is joined with
//! `;`; any other list or object (`extra`) is its JSON text, as `JSON.stringify` writes it.
//!
//! The JS that runs this rule (`pkg-template/generated/csv.js`, `www/generated/csv.js`) is
//! generated from these constants by [`crate::codegen::cli::csv_js`], and `tests/csv.rs` runs it in
//! Node against [`row`] on thousands of values.

use crate::input::Input;

/// A cell starting with one of these is text a spreadsheet would run: it gets a leading `'`.
pub const FORMULA_LEADS: &[char] = &['=', '+', '-', '@', '\t', '\r'];
/// A cell holding one of these is quoted (`"`, doubled inside).
pub const QUOTE_WHEN: &[char] = &['"', ',', '\r', '\n'];
/// Between cells.
pub const SEPARATOR: &str = ",";
/// Between the strings of a list in one cell.
pub const LIST_SEPARATOR: &str = ";";
/// After each record, the header's included.
pub const RECORD_END: &str = "\r\n";

/// `value` as `JSON.stringify` writes the same JS value (`JSON.parse` of the same text): members in order, numbers in JS's
/// notation, strings escaped alike; what JSON cannot hold (a date, a function) as `null`.
pub fn write_json(value: &Input, out: &mut String) {
    match value {
        Input::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Input::Int(n) => crate::text::write_int(*n, out),
        Input::Number(raw) => out.push_str(js_number_text(raw).as_deref().unwrap_or("null")),
        Input::Str(s) => crate::text::write_json_string(s, out),
        Input::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Input::Object(members) => {
            // A JS object lists its array-index keys first, ascending, then the others in order.
            let mut order: Vec<(Option<u32>, &(String, Input))> = members.iter().map(|m| (array_index(&m.0), m)).collect();
            order.sort_by_key(|(index, _)| index.map_or((1, 0), |n| (0, n)));
            out.push('{');
            for (i, (_, (k, v))) in order.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                crate::text::write_json_string(k, out);
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
        Input::Absent | Input::Date(_) | Input::Other(_) => out.push_str("null"),
    }
}

/// A key JS treats as an array index: the canonical decimal text of an integer below 2^32 − 1.
fn array_index(key: &str) -> Option<u32> {
    let n = crate::text::digits(key).and_then(|n| u32::try_from(n).ok()).filter(|n| *n < u32::MAX)?;
    (crate::text::int_text(u64::from(n)) == key).then_some(n)
}

/// A number's JSON text (`1e21`, `0.1`, `-0.0`) as JS's `String(number)` writes it (`1e+21`,
/// `0.1`, `0`): the shortest digits that read back to the same double, in ECMAScript's notation
/// (Number::toString). `None` for text that is not a finite number.
pub fn js_number_text(raw: &str) -> Option<String> {
    let v: f64 = raw.parse().ok().filter(|v: &f64| v.is_finite())?;
    if v == 0.0 {
        return Some(String::from("0"));
    }
    // Rust's `{:e}` writes the shortest round-trip digits: `-1.2345e-7`.
    let sci = format!("{:e}", v.abs());
    let (mantissa, exp) = sci.split_once('e')?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = exp.parse::<i64>().ok()? + 1; // the decimal point sits after n digits
    let k = i64::try_from(digits.len()).ok()?;
    let mut out = String::from(if v < 0.0 { "-" } else { "" });
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', usize::try_from(n - k).ok()?));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at_checked(usize::try_from(n).ok()?)?;
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-n).ok()?));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at_checked(1)?;
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push_str(if n - 1 < 0 { "e-" } else { "e+" });
        out.push_str(&crate::text::int_text((n - 1).unsigned_abs()));
    }
    Some(out)
}

/// One cell.
pub fn cell(value: &Input) -> String {
    let text = match value {
        Input::Str(s) => s.clone(),
        Input::Array(items) if items.iter().all(|i| matches!(i, Input::Str(_))) => {
            crate::text::join(items.iter().filter_map(|i| if let Input::Str(s) = i { Some(s.as_str()) } else { None }), LIST_SEPARATOR)
        }
        Input::Absent => return String::new(),
        other => {
            let mut json = String::new();
            write_json(other, &mut json);
            return quoted(json);
        }
    };
    quoted(if text.starts_with(FORMULA_LEADS) { crate::text::concat(&["'", &text]) } else { text })
}

fn quoted(text: String) -> String {
    if text.contains(QUOTE_WHEN) {
        crate::text::concat(&["\"", &text.replace('"', "\"\""), "\""])
    } else {
        text
    }
}

/// One record: the cells, separated, ended.
pub fn row(values: &[Input]) -> String {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(SEPARATOR);
        }
        out.push_str(&cell(v));
    }
    out.push_str(RECORD_END);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell_of(json: &str) -> String {
        cell(&Input::from_json_text(json).unwrap())
    }

    #[test]
    fn numbers_as_js_writes_them() {
        for (raw, js) in [
            ("1e21", "1e+21"),
            ("1e16", "10000000000000000"),
            ("123456789012345678901", "123456789012345680000"),
            ("0.1", "0.1"),
            ("-0.0", "0"),
            ("5e-7", "5e-7"),
            ("0.000001", "0.000001"),
            ("1.5e300", "1.5e+300"),
            ("-12.5", "-12.5"),
            ("2.5E-10", "2.5e-10"),
            ("18446744073709551615", "18446744073709552000"),
        ] {
            assert_eq!(js_number_text(raw).as_deref(), Some(js), "{raw}");
        }
        assert_eq!(js_number_text("1e999"), None);
        assert_eq!(js_number_text("x"), None);
    }

    #[test]
    fn cells() {
        assert_eq!(cell_of(r#""plain""#), "plain");
        assert_eq!(cell_of(r#""=HYPERLINK(\"x\")""#), r#""'=HYPERLINK(""x"")""#);
        assert_eq!(cell_of(r#""-5""#), "'-5", "text that looks like a negative number is text");
        assert_eq!(cell_of("-5"), "-5", "a number stays a number");
        assert_eq!(cell_of(r#""a,b""#), r#""a,b""#);
        assert_eq!(cell_of(r#""line\r\nbreak""#), "\"line\r\nbreak\"");
        assert_eq!(cell_of(r#"["env=prod","gpu"]"#), "env=prod;gpu");
        assert_eq!(cell_of(r#"["=cmd","x"]"#), "'=cmd;x", "a list's text is defused too");
        assert_eq!(cell_of("[]"), "");
        assert_eq!(cell_of("[1,\"a\"]"), r#""[1,""a""]""#);
        assert_eq!(cell_of(r#"{"b":1,"2":true,"a":null}"#), r#""{""2"":true,""b"":1,""a"":null}""#);
        assert_eq!(cell_of("null"), "");
        assert_eq!(cell_of("true"), "true");
        assert_eq!(cell_of("1e21"), "1e+21");
        assert_eq!(row(&[Input::Str("a".into()), Input::Absent, Input::Int(3)]), "a,,3\r\n");
    }
}
