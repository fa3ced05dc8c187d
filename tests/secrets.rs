//! No credential in any Debug output: every type that can hold one, formatted with `{:?}` and
//! `{:#?}` at the moments it holds one, must not show the token, secret key, security token or the
//! Authorization value. (The JS side is scanned in tests/js/hardening.test.mjs.)

use std::sync::Arc;

use ims_client::call::{Action, Call, CallOptions, Event, Moment, Pager, Provided};
use ims_client::config::ClientConfig;
use ims_client::paging::PageOptions;
use ims_client::sign::{sign, SignRequest};
use ims_client::{interop, Credentials, Input};

const TOKEN: &str = "tok-SECRET-1234567890";
const SK: &str = "sk-SECRET-abcdefghij";
const STS: &str = "sts-SECRET-qrstuvwxyz";

fn assert_clean(what: &str, text: &str, also: &[&str]) {
    for s in [TOKEN, SK, STS].iter().chain(also) {
        assert!(!text.contains(s), "{what} shows a secret: {text}");
    }
}

fn debug_both(what: &str, v: &impl std::fmt::Debug, also: &[&str]) {
    assert_clean(what, &format!("{v:?}"), also);
    assert_clean(what, &format!("{v:#?}"), also);
}

fn config(creds: &str) -> Arc<ClientConfig> {
    let json = format!(r#"{{"endpoint":"https://ims.example.com","projectId":"p","credentials":{creds}}}"#);
    Arc::new(interop::client_config(&Input::from_json_text(&json).unwrap(), None).unwrap().0)
}

#[test]
fn credentials_config_requests_calls_and_events_never_show_a_secret() {
    let env = Moment { now_ms: 1_540_720_800_000, random: 0 };
    let cases = [
        (format!(r#"{{"token":"{TOKEN}"}}"#), vec![TOKEN]),
        (format!(r#"{{"accessKey":"AK","secretKey":"{SK}","securityToken":"{STS}"}}"#), vec![SK, STS]),
    ];
    for (creds, held) in cases {
        let cfg = config(&creds);
        debug_both("ClientConfig", &cfg, &[]);
        let op = interop::operation(&Input::Str("listImages".into()), &Input::Absent).unwrap();
        let mut call = Call::new(Arc::clone(&cfg), op.clone(), CallOptions { timeout_ms: 1000 });
        let send = call.step(Event::Start, env);
        let Action::Send { request, .. } = &send else { panic!("{send:?}") };
        let auth = request.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.clone());
        let also: Vec<&str> = auth.iter().map(String::as_str).collect();
        debug_both("Action::Send", &send, &also);
        debug_both("HttpRequest", request, &also);
        debug_both("Call (holding the secrets it scrubs)", &call, &also);
        // A 401 whose message echoes every secret this client holds, and its Authorization value.
        let echo =
            format!(r#"{{"error_code":"APIGW.0301","error_msg":"rejected {} {}"}}"#, held.join(" and "), auth.clone().unwrap_or_default());
        let body_event = Event::ErrorBody(echo.clone().into_bytes());
        debug_both("Event::ErrorBody", &body_event, &also);
        call.step(Event::Response { status: 401, headers: vec![] }, env);
        let fail = call.step(body_event, env);
        debug_both("Action::Fail after a 401 echoing every secret", &fail, &also);
        let Action::Fail(e) = fail else { panic!() };
        assert_clean("Error message", &e.message, &also);
        assert_clean("Error Display", &e.to_string(), &also);

        let mut pager = Pager::new(Arc::clone(&cfg), op, CallOptions { timeout_ms: 1000 }, PageOptions::default()).unwrap();
        pager.step(Event::NextPage, env);
        debug_both("Pager mid-call", &pager, &also);
    }
    let provided = Event::Credentials(Ok(Provided { credentials: Credentials::Token(TOKEN.into()), project_id: None }));
    debug_both("Event::Credentials", &provided, &[]);
    debug_both("Credentials::Token", &Credentials::Token(TOKEN.into()), &[]);
    debug_both(
        "Credentials::AkSk",
        &Credentials::AkSk { access_key: "AK".into(), secret_key: SK.into(), security_token: Some(STS.into()) },
        &[],
    );
}

#[test]
fn signing_results_never_show_the_signature_material() {
    let signed = sign(&SignRequest {
        method: "GET",
        url: "https://h/v2/images",
        headers: &[("X-Security-Token", STS)],
        body: b"",
        access_key: "AK",
        secret_key: SK,
        date: Some("20181028T100000Z"),
    })
    .unwrap();
    let auth = signed.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.clone()).unwrap();
    debug_both("Signed", &signed, &[&auth]);
}
