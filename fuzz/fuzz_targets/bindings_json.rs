//! The client loop driven through the bindings' JSON forms, as the npm package's JS driver (or a
//! confused or hostile one) drives it: any event text, wrong types included, any error body,
//! any clock. Nothing panics (a panic would trap the module), every answer is one of the
//! protocol's actions as JSON, and once a call is done or failed it stays so.
#![no_main]
use ims_client_wasm::{Client, Job};
use libfuzzer_sys::fuzz_target;

const OPTIONS: [&str; 3] = [
    r#"{"endpoint":"https://h/p","maxRetries":2}"#,
    r#"{"endpoint":"https://h","credentials":{"accessKey":"AK","secretKey":"SK"},"projectId":"p"}"#,
    r#"{"endpoint":"http://127.0.0.1:1","credentials":{"\u0000":["other","function"]}}"#,
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(client) = Client::new(OPTIONS[usize::from(first % 3)], None) else { return };
    let mut jobs: Vec<Job> = [
        client.call(r#""listImages""#, r#"{"limit":2}"#, "null"),
        client.call(r#""glanceShowImage""#, r#""img""#, "null"),
        client.pages(r#""glanceListImages""#, "null", "null", r#"{"pageSize":2}"#),
    ]
    .into_iter()
    .filter_map(Result::ok)
    .collect();
    // Each line is one event for one job: `<job digit><kind digit><text>`; kind 9 is an error body.
    let text = String::from_utf8_lossy(rest);
    let mut ended = [false; 3];
    for (n, line) in text.split('\n').enumerate() {
        let mut chars = line.chars();
        let job = chars.next().and_then(|c| c.to_digit(10)).unwrap_or(0) as usize % jobs.len().max(1);
        let kind = chars.next().and_then(|c| c.to_digit(10)).unwrap_or(0);
        let body = chars.as_str();
        let Some(j) = jobs.get_mut(job) else { return };
        let now = (n as f64) * 1e9 - 5e9;
        let out = if kind == 9 { j.error_body(body, now, n as u32) } else { j.step(body, now, (n as u32).wrapping_mul(2_654_435_761)) };
        let v: serde_json::Value = serde_json::from_str(&out).expect("every answer is JSON");
        let act = v.get("do").and_then(|d| d.as_str()).expect("every answer is an action");
        assert!(["credentials", "send", "read-error-body", "parse", "sleep", "done", "fail", "end"].contains(&act), "{out}");
        if job < 2 {
            if ended[job] {
                assert_eq!(act, "fail", "an ended call answers only with failures: {out}");
            }
            ended[job] |= act == "done" || act == "fail";
        }
    }
});
