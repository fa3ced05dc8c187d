//! The client loop under any sequence of events (as a confused or hostile driver might send):
//! it never panics, and once it is done or has failed, it stays so.
#![no_main]
use std::sync::Arc;

use ims_client::call::{Action, Call, CallOptions, Env, Event, Pager};
use ims_client::config::ClientConfig;
use ims_client::paging::PageOptions;
use ims_client::request::Operation;
use ims_client::{ErrorKind, Input, PageFacts};
use libfuzzer_sys::fuzz_target;

fn event(b: &[u8]) -> Event {
    let arg = b.get(1).copied().unwrap_or(0);
    match b.first().copied().unwrap_or(0) % 9 {
        0 => Event::Start,
        1 => Event::Credentials(if arg % 2 == 0 { Ok(Input::Object(vec![("token".into(), Input::Str(format!("t{arg}")))])) } else { Err("E".into()) }),
        2 => Event::Response { status: u16::from(arg) * 3, headers: vec![("Retry-After".into(), arg.to_string())] },
        3 => Event::ErrorBody(b.to_vec()),
        4 => Event::TransportFailed { kind: if arg % 2 == 0 { ErrorKind::Timeout } else { ErrorKind::Network }, message: "x".into() },
        5 => Event::Slept,
        6 => Event::Parsed(Some(PageFacts { count: usize::from(arg), last_id: Some(format!("m{}", arg % 5)), ..Default::default() })),
        7 => Event::ParseFailed("bad".into()),
        _ => Event::Aborted,
    }
}

fuzz_target!(|data: &[u8]| {
    let creds = if data.first().is_some_and(|b| b % 2 == 0) { r#""credentials":{"\u0000":["other","function"]},"# } else { "" };
    let json = format!(r#"{{{creds}"endpoint":"https://h","maxRetries":3}}"#);
    let cfg = Arc::new(ClientConfig::from_input(&Input::from_json_text(&json).unwrap()).unwrap());
    let op = Operation::from_input("listImages", &Input::Absent).unwrap();
    let mut call = Call::new(Arc::clone(&cfg), op.clone(), CallOptions { timeout_ms: 1 });
    let mut pager = Pager::new(cfg, op, CallOptions { timeout_ms: 1 }, PageOptions::default()).unwrap();
    let mut ended = false;
    for chunk in data.chunks(3) {
        let env = Env { now_ms: i64::from(chunk.first().copied().unwrap_or(0)) * 1_000_000_000, random: u32::from(chunk.get(2).copied().unwrap_or(0)) << 24 };
        let a = call.step(event(chunk), env);
        if ended {
            assert!(matches!(a, Action::Fail(_)), "an ended call answers only with failures");
        }
        ended |= matches!(a, Action::Done(_) | Action::Fail(_));
        let _ = pager.step(event(chunk), env);
    }
});
