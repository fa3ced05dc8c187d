//! The event/action protocol has one source, `src/protocol.rs`: the JSON the bindings write and
//! read follows it, and the JSDoc typedefs the JS layer is type-checked with, and the public
//! `AttemptRecord` declaration, are generated from it (committed under
//! `pkg-template/generated/`; `UPDATE_GENERATED=1 cargo test -p ims-client-wasm --test protocol`
//! rewrites them).
#![cfg(not(target_arch = "wasm32"))]

use ims_client::call::{Action, AttemptRecord, Done, Expect};
use ims_client::credential_chain::{ChainAction, Found, Source};
use ims_client::error::ERROR_FIELDS;
use ims_client::parse::NextPage;
use ims_client::request::{HttpRequest, Redirect};
use ims_client::Credentials;
use ims_client::{Error, ErrorKind};
use ims_client_wasm::json;
use ims_client_wasm::node;
use ims_client_wasm::protocol::{self, Field, ACTIONS, ATTEMPT, CHAIN_ACTIONS, CHAIN_EVENTS, EVENTS, PLAN};
use serde_json::{json, Map, Value};

fn check(file: &str, generated: &str) {
    let path = format!("{}/../pkg-template/generated/{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "pkg-template/generated/{file} is stale: run `UPDATE_GENERATED=1 cargo test -p ims-client-wasm --test protocol`"
    );
}

#[test]
fn the_generated_typedefs_are_current() {
    check("protocol.js", &protocol::jsdoc());
    check("attempt-record.d.ts", &protocol::attempt_record_declaration());
    check("node-protocol.js", &protocol::node_jsdoc());
}

/// The members of `v` match `fields`: nothing else, every required one present.
fn follows(what: &str, v: &Map<String, Value>, skip: &[&str], fields: &[Field]) {
    for k in v.keys().filter(|k| !skip.contains(&k.as_str())) {
        assert!(fields.iter().any(|f| f.name == k), "{what}: `{k}` is not in the protocol table");
    }
    for f in fields.iter().filter(|f| !f.optional) {
        assert!(v.contains_key(f.name), "{what}: required `{}` is missing", f.name);
    }
}

fn record() -> AttemptRecord {
    AttemptRecord {
        operation: "listImages",
        attempt: 2,
        method: "GET",
        url: "https://h/v2/cloudimages".into(),
        status: Some(503),
        request_id: Some("r".into()),
        error_kind: Some(ErrorKind::Http),
        duration_ms: 12,
        retry_in_ms: Some(150),
    }
}

#[test]
fn every_action_written_follows_the_table() {
    let mut e = Error::invalid("limit", "bad");
    e.status = Some(403);
    e.code = Some("APIGW.0301".into());
    e.request_id = Some("r".into());
    e.encoded_authorization_message = Some("enc".into());
    let request =
        HttpRequest { method: "GET", url: "https://h/x".into(), headers: vec![("A".into(), "b".into())], redirect: Redirect::Manual };
    let samples = [
        Action::AskCredentials { timeout_ms: 5 },
        Action::Send { request, timeout_ms: 5 },
        Action::ReadErrorBody { max_bytes: 10 },
        Action::Parse(Expect::Page),
        Action::Parse(Expect::Image),
        Action::Sleep { ms: 3 },
        Action::Done(Done { next: NextPage::At("m".into()), images: 1, attempts: 1 }),
        Action::Done(Done { next: NextPage::End, images: 0, attempts: 1 }),
        Action::Fail(e),
        Action::End,
    ];
    let mut seen = Vec::new();
    for a in &samples {
        for rec in [None, Some(record())] {
            let v: Value = serde_json::from_str(&json::action(a, rec.as_ref())).unwrap();
            let obj = v.as_object().unwrap();
            let tag = obj["do"].as_str().unwrap();
            let m = ACTIONS.iter().find(|m| m.tag == tag).unwrap_or_else(|| panic!("action `{tag}` is not in the table"));
            follows(tag, obj, &["do", "attempt"], m.fields);
            if let Some(r) = obj.get("attempt") {
                follows("attempt", r.as_object().unwrap(), &[], ATTEMPT);
            }
            seen.push(tag.to_owned());
        }
    }
    for m in ACTIONS {
        assert!(seen.iter().any(|t| t == m.tag), "no sample writes `{}`", m.tag);
    }
    // The error object carries every field of the core's error table.
    let fail: Value = serde_json::from_str(&json::action(&samples[8], None)).unwrap();
    let mut keys: Vec<&str> = fail["error"].as_object().unwrap().keys().map(String::as_str).collect();
    let mut table: Vec<&str> = ERROR_FIELDS.iter().map(|r| r.js).collect();
    keys.sort_unstable();
    table.sort_unstable();
    assert_eq!(keys, table, "the error's JSON form follows the error table, encodedAuthorizationMessage included");
}

/// A sample value of a TypeScript type in the table.
fn sample(ts: &str) -> Value {
    match ts {
        "number" => json!(200),
        "string" => json!("x"),
        "[string, string][]" => json!([["X-Request-Id", "r"]]),
        "unknown" => json!({ "token": "t" }),
        "PageFacts" => json!({ "count": 1, "lastId": "a", "hasPageInfo": false, "hasLinks": false }),
        union => json!(union.split(" | ").next().unwrap().trim_matches('\'')),
    }
}

#[test]
fn every_event_of_the_table_is_read() {
    for m in EVENTS {
        let mut obj = Map::new();
        obj.insert("ev".into(), json!(m.tag));
        for f in m.fields {
            obj.insert(f.name.into(), sample(f.ts));
        }
        let text = Value::Object(obj).to_string();
        assert!(json::event(&text).is_ok(), "`{}` is not read: {text}", m.tag);
    }
    // Every action's answers are events of the table (or the errorBody call).
    for a in ACTIONS {
        for ans in a.answers {
            assert!(*ans == "errorBody" || EVENTS.iter().any(|e| e.tag == *ans), "`{}` answers with unknown `{ans}`", a.tag);
        }
    }
}

#[test]
fn the_credential_search_follows_its_table() {
    let found = |credentials, expires_at_ms, metadata_token: Option<&str>| {
        ChainAction::Done(Found {
            source: Source::Metadata,
            credentials,
            project_id: Some("p".into()),
            expires_at_ms,
            metadata_token: metadata_token.map(str::to_owned),
        })
    };
    let samples = [
        ChainAction::ReadEnv(vec!["A"]),
        ChainAction::ReadFile("/x".into()),
        ChainAction::Send { method: "PUT", url: "http://h/t".into(), headers: vec![("X-A", "1".into())], timeout_ms: 5 },
        found(Credentials::AkSk { access_key: "a".into(), secret_key: "s".into(), security_token: Some("t".into()) }, Some(1), Some("m")),
        found(Credentials::Token("t".into()), None, None),
        ChainAction::Fail(Error::invalid("credentials", "none")),
    ];
    let mut seen = Vec::new();
    for a in &samples {
        let v: Value = serde_json::from_str(&node::action(a)).unwrap();
        let obj = v.as_object().unwrap();
        let tag = obj["do"].as_str().unwrap();
        let m = CHAIN_ACTIONS.iter().find(|m| m.tag == tag).unwrap_or_else(|| panic!("action `{tag}` is not in the table"));
        follows(tag, obj, &["do"], m.fields);
        seen.push(tag.to_owned());
    }
    for m in CHAIN_ACTIONS {
        assert!(seen.iter().any(|t| t == m.tag), "no sample writes `{}`", m.tag);
        for ans in m.answers {
            assert!(CHAIN_EVENTS.iter().any(|e| e.tag == *ans), "`{}` answers with unknown `{ans}`", m.tag);
        }
    }
    for m in CHAIN_EVENTS {
        let mut obj = Map::new();
        obj.insert("ev".into(), json!(m.tag));
        for f in m.fields {
            let v = match f.ts {
                "(string | null)[]" => json!(["a", null]),
                other => sample(other),
            };
            obj.insert(f.name.into(), v);
        }
        let text = Value::Object(obj).to_string();
        assert!(node::event(&text).is_ok(), "`{}` is not read: {text}", m.tag);
    }
}

#[test]
fn the_plan_follows_its_table() {
    for args in [
        r#"["list","--region","cn-north-4","--os-type","Linux","--extra","a=b"]"#,
        r#"["show","x","--endpoint","http://127.0.0.1:1","--profile","dev","--project-id","p","--timeout-ms","5","--max-retries","0"]"#,
        r#"["regions"]"#,
        r#"["help","list"]"#,
        r#"["request","glanceShowImage","x","--region","cn-north-4","--show-secrets"]"#,
    ] {
        let v: Value = serde_json::from_str(&node::cli_plan(args, r#"{"stdoutTty":true}"#).unwrap()).unwrap();
        follows(args, v.as_object().unwrap(), &[], PLAN);
    }
}
