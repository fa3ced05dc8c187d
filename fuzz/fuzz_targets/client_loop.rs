//! The client loop under any sequence of events (as a confused or hostile driver might send):
//! it never panics, and once it is done or has failed, it stays so.
#![no_main]
use std::sync::Arc;

use ims_client::call::{Action, Call, CallOptions, CredentialsFailure, Event, Moment, Pager, Provided, TransportFailure};
use ims_client::paging::PageOptions;
use ims_client::{interop, Credentials, Error, Input, PageFacts};
use libfuzzer_sys::fuzz_target;

fn event(b: &[u8]) -> Event {
    let arg = b.get(1).copied().unwrap_or(0);
    match b.first().copied().unwrap_or(0) % 12 {
        0 => Event::Start,
        1 => Event::Credentials(match arg % 4 {
            0 => Ok(Provided { credentials: Credentials::Token(format!("t{arg}")), project_id: (arg % 8 == 0).then(|| "p".into()) }),
            1 => Err(CredentialsFailure::Threw("E".into())),
            2 => Err(CredentialsFailure::Invalid(Error::invalid("credentials.token", "x"))),
            _ => Err(CredentialsFailure::TimedOut),
        }),
        2 => Event::Response { status: u16::from(arg) * 3, headers: vec![("Retry-After".into(), arg.to_string()), ("Location".into(), "x".repeat(usize::from(arg)))] },
        3 => Event::ErrorBody(b.to_vec()),
        4 => Event::TransportFailed {
            failure: [TransportFailure::Timeout, TransportFailure::Network, TransportFailure::Redirect][usize::from(arg % 3)],
            message: "x".into(),
        },
        5 => Event::Slept,
        6 => Event::PageParsed(PageFacts { count: usize::from(arg), last_id: (arg % 7 != 0).then(|| format!("m{}", arg % 5)), ..Default::default() }),
        7 => Event::ParseFailed("bad".into()),
        8 => Event::ImageParsed,
        9 => Event::NextPage,
        10 => Event::Aborted { reason: (arg % 2 == 0).then(|| "TimeoutError".into()) },
        _ => Event::Aborted { reason: None },
    }
}

fuzz_target!(|data: &[u8]| {
    let creds = if data.first().is_some_and(|b| b % 2 == 0) { r#""credentials":{"\u0000":["other","function"]},"# } else { "" };
    let json = format!(r#"{{{creds}"endpoint":"https://h","maxRetries":3}}"#);
    let cfg = Arc::new(interop::client_config(&Input::from_json_text(&json).unwrap(), None).unwrap().0);
    let op = interop::operation(&Input::Str("listImages".into()), &Input::Absent).unwrap();
    let mut call = Call::new(Arc::clone(&cfg), op.clone(), CallOptions { timeout_ms: 1 });
    let mut pager = Pager::new(cfg, op, CallOptions { timeout_ms: 1 }, PageOptions::default()).unwrap();
    let mut ended = false;
    for chunk in data.chunks(3) {
        let env = Moment { now_ms: i64::from(chunk.first().copied().unwrap_or(0)) * 1_000_000_000, random: u32::from(chunk.get(2).copied().unwrap_or(0)) << 24 };
        let a = call.step(event(chunk), env);
        if ended {
            assert!(matches!(a, Action::Fail(_)), "an ended call answers only with failures");
        }
        ended |= matches!(a, Action::Done(_) | Action::Fail(_));
        let _ = call.poll_attempt();
        let _ = pager.step(event(chunk), env);
        let _ = pager.poll_attempt();
    }
});
