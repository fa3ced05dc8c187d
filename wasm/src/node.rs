//! The Node module's exports (feature `node`: `ims-client/node` and the `ims` bin; no browser
//! download carries them): the credential search the providers step, and the command line's plan.
//! JSON forms, declared in [`crate::protocol`] (`CHAIN_EVENTS`, `CHAIN_ACTIONS`, `PLAN`).

use ims_client::cli::{self, CredentialsPlan, Env};
use ims_client::credential_chain::{needs_refresh, still_usable, Chain, ChainAction, ChainEvent, FileMissing};
use ims_client::query::param::ParamValue;
use ims_client::query::QueryValues;
use ims_client::regions::{endpoint_of, REGIONS};
use ims_client::{interop, Credentials, Error, Input};
use wasm_bindgen::prelude::*;

use crate::json::{self, member, string_list, text, Obj};
use crate::{input, thrown};

/// One search for credentials, stepped by a provider.
#[wasm_bindgen]
pub struct CredentialSearch {
    chain: Chain,
}

/// An event from its JSON form.
pub fn event(json: &str) -> Result<ChainEvent, Error> {
    let Input::Object(m) = Input::from_json_text(json)? else { return Err(Error::invalid("event", "expected an object")) };
    Ok(match text(member(&m, "ev")).as_deref() {
        Some("start") => ChainEvent::Start,
        Some("env") => match member(&m, "values") {
            Input::Array(vs) => ChainEvent::Env(vs.iter().map(|v| if let Input::Str(s) = v { Some(s.clone()) } else { None }).collect()),
            _ => return Err(Error::invalid("event.values", "expected an array")),
        },
        Some("file") => ChainEvent::File(match (text(member(&m, "text")), text(member(&m, "missing")).as_deref()) {
            (Some(t), _) => Ok(t),
            (None, Some("not-found")) => Err(FileMissing::NotFound),
            (None, _) => Err(FileMissing::Unreadable),
        }),
        Some("answer") => match member(&m, "status") {
            Input::Int(s) => {
                ChainEvent::Answer { status: u16::try_from(*s).unwrap_or(0), body: text(member(&m, "body")).unwrap_or_default() }
            }
            _ => ChainEvent::Failed(String::from("an answer with no status")),
        },
        Some("failed") => ChainEvent::Failed(text(member(&m, "message")).unwrap_or_default()),
        _ => return Err(Error::invalid("event", "unknown event")),
    })
}

/// Credentials' JSON form, as a provider returns them (`projectId` beside the keys).
fn credentials(c: &Credentials, project_id: Option<&str>) -> String {
    match c {
        Credentials::Token(t) => Obj::new().str("token", t.as_str()),
        Credentials::AkSk { access_key, secret_key, security_token } => Obj::new()
            .str("accessKey", access_key.as_str())
            .str("secretKey", secret_key.as_str())
            .opt_str("securityToken", security_token.as_deref()),
    }
    .opt_str("projectId", project_id)
    .end()
}

/// An action's JSON form.
pub fn action(a: &ChainAction) -> String {
    match a {
        ChainAction::ReadEnv(names) => Obj::new().str("do", "read-env").raw("names", &string_list(names.iter().copied())).end(),
        ChainAction::ReadFile(path) => Obj::new().str("do", "read-file").str("path", path).end(),
        ChainAction::Send { method, url, headers, timeout_ms } => {
            let hs = headers.iter().fold(Obj::new(), |o, (k, v)| o.str(k, v)).end();
            Obj::new().str("do", "send").str("method", method).str("url", url).raw("headers", &hs).num("timeoutMs", *timeout_ms).end()
        }
        ChainAction::Done(found) => Obj::new()
            .str("do", "done")
            .str("source", found.source.as_str())
            .raw("credentials", &credentials(&found.credentials, found.project_id.as_deref()))
            .opt_num("expiresAtMs", found.expires_at_ms)
            .opt_str("metadataToken", found.metadata_token.as_deref())
            .end(),
        ChainAction::Fail(e) => Obj::new().str("do", "fail").raw("error", &json::error(e)).end(),
    }
}

#[wasm_bindgen]
impl CredentialSearch {
    /// A search for the provider `kind` (`env`, `profile`, `metadata` or `default`) with its
    /// options' JSON form, and the metadata session token kept from an earlier search; errors
    /// (thrown as JSON) name the option.
    #[wasm_bindgen(constructor)]
    pub fn new(kind: &str, options: &str, metadata_token: Option<String>) -> Result<CredentialSearch, String> {
        let mut options = interop::chain_options(kind, &input(options)?).map_err(thrown)?;
        options.metadata_token = metadata_token;
        Ok(CredentialSearch { chain: Chain::new(options) })
    }

    /// Tells the search what happened (an event's JSON form); returns the next action's.
    pub fn step(&mut self, event_json: &str) -> String {
        match event(event_json) {
            Ok(e) => action(&self.chain.step(e)),
            Err(e) => action(&ChainAction::Fail(e)),
        }
    }
}

/// Whether temporary keys expiring at `expires_at_ms` (negative: never) want fetching again at `now`.
#[wasm_bindgen(js_name = needsRefresh)]
pub fn needs_refresh_at(expires_at_ms: f64, now: f64) -> bool {
    let (at, now) = (crate::millis(expires_at_ms), crate::millis(now));
    needs_refresh((at >= 0).then_some(at), now)
}

/// Whether keys whose refresh failed may still be used at `now` (negative `expires_at_ms`: never expire).
#[wasm_bindgen(js_name = stillUsable)]
pub fn still_usable_at(expires_at_ms: f64, now: f64) -> bool {
    let (at, now) = (crate::millis(expires_at_ms), crate::millis(now));
    still_usable((at >= 0).then_some(at), now)
}

/// A query's values in the JS client's form (`{ osType: 'Linux', tag: [...], createdAt: 'gte:...' }`).
fn query_json(q: &QueryValues) -> String {
    let mut o = Obj::new();
    for row in q.params() {
        o = match q.get(row.wire) {
            Some(ParamValue::Str(s)) => o.str(row.js, s),
            Some(ParamValue::Bool(b)) => o.bool(row.js, *b),
            Some(ParamValue::Int(n)) => o.num(row.js, *n),
            Some(ParamValue::List(items)) => o.raw(row.js, &string_list(items.iter().map(String::as_str))),
            Some(ParamValue::Time(t)) => o.str(row.js, &t.to_wire()),
            None => o,
        };
    }
    if !q.extra().is_empty() {
        o = o.raw("extra", &json::string_map(q.extra()));
    }
    o.end()
}

/// The plan's JSON form (`PLAN` in the protocol table).
pub fn plan_json(p: &cli::Plan) -> String {
    let (credentials, profile) = match &p.credentials {
        CredentialsPlan::TokenVariable => ("token-variable", None),
        CredentialsPlan::Chain => ("chain", None),
        CredentialsPlan::Profile(name) => ("profile", Some(name.as_str())),
    };
    let client = Obj::new()
        .opt_str("region", p.region.as_deref())
        .opt_str("endpoint", p.endpoint.as_deref())
        .opt_str("projectId", p.project_id.as_deref())
        .opt_num("timeoutMs", p.timeout_ms)
        .opt_num("maxRetries", p.max_retries)
        .end();
    let mut o = Obj::new()
        .str("command", p.command.as_str())
        .opt_str("topic", p.topic.map(|t| t.as_str()))
        .opt_str("operation", p.operation)
        .opt_str("imageId", p.image_id.as_deref());
    if let Some(q) = &p.query {
        o = o.raw("query", &query_json(q));
    }
    if p.command == cli::Command::Regions {
        let mut list = String::from("[");
        for (i, id) in REGIONS.iter().enumerate() {
            if i > 0 {
                list.push(',');
            }
            list.push_str(&Obj::new().str("id", id).str("endpoint", &endpoint_of(id).unwrap_or_default()).end());
        }
        list.push(']');
        o = o.raw("regions", &list);
    }
    o.raw("client", &client)
        .str("credentials", credentials)
        .opt_str("profile", profile)
        .str("output", p.output.as_str())
        .raw("fields", &string_list(p.fields.iter().map(String::as_str)))
        .bool("all", p.all)
        .bool("showSecrets", p.show_secrets)
        .end()
}

/// `ims`'s plan: the arguments (a JSON array of strings) and what the environment says
/// (`{ stdoutTty, token, region? }`) in; the plan's JSON form out, or the error's thrown.
#[wasm_bindgen(js_name = cliPlan)]
pub fn cli_plan(args: &str, env: &str) -> Result<String, String> {
    let args = match input(args)? {
        Input::Array(items) => items
            .into_iter()
            .map(|a| if let Input::Str(s) = a { Ok(s) } else { Err(thrown(Error::invalid("args", "expected strings"))) })
            .collect::<Result<Vec<String>, String>>()?,
        _ => return Err(thrown(Error::invalid("args", "expected an array"))),
    };
    let Input::Object(m) = input(env)? else { return Err(thrown(Error::invalid("env", "expected an object"))) };
    let env = Env {
        stdout_tty: member(&m, "stdoutTty") == &Input::Bool(true),
        token: member(&m, "token") == &Input::Bool(true),
        region: text(member(&m, "region")),
    };
    cli::plan(&args, &env).map(|p| plan_json(&p)).map_err(thrown)
}

/// `ims request`'s output: a built request's JSON form (`{ method, url, headers }`) as a `curl`
/// command, credentials hidden unless `show_secrets`.
#[wasm_bindgen(js_name = curlCommand)]
pub fn curl_command(request: &str, show_secrets: bool) -> Result<String, String> {
    let Input::Object(m) = input(request)? else { return Err(thrown(Error::invalid("request", "expected an object"))) };
    let headers = member(&m, "headers").string_map("request.headers").map_err(thrown)?;
    let (method, url) = (text(member(&m, "method")).unwrap_or_default(), text(member(&m, "url")).unwrap_or_default());
    Ok(cli::curl(&method, &url, &headers, show_secrets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_runs_through_the_json_forms() {
        let mut s = CredentialSearch::new("env", "{}", None).unwrap();
        let read = s.step(r#"{"ev":"start"}"#);
        assert!(read.starts_with(r#"{"do":"read-env","names":["HUAWEICLOUD_SDK_AK","#), "{read}");
        let done = s.step(r#"{"ev":"env","values":["AK","SK",null,"p1",null,"/home/u"]}"#);
        assert_eq!(done, r#"{"do":"done","source":"env","credentials":{"accessKey":"AK","secretKey":"SK","projectId":"p1"}}"#);
        let e = CredentialSearch::new("env", r#"{"file":"x"}"#, None).err().unwrap();
        assert!(e.contains(r#""key":"file""#), "{e}");
        let e = CredentialSearch::new("metadata", r#"{"endpoint":"nope"}"#, None).err().unwrap();
        assert!(e.contains(r#""key":"endpoint""#), "{e}");
        assert!(!needs_refresh_at(-1.0, 0.0));
        assert!(needs_refresh_at(1000.0, 0.0));
        assert!(still_usable_at(120_000.0, 0.0) && !still_usable_at(30_000.0, 0.0) && still_usable_at(-1.0, 1e15));
    }

    #[test]
    fn plans_are_written_for_the_bin() {
        let p = cli_plan(
            r#"["list","--region","cn-north-4","--tag","a","--created-at","gte:2024-01-01T00:00:00Z","--support-kvm"]"#,
            r#"{"stdoutTty":false,"token":true}"#,
        )
        .unwrap();
        assert!(p.contains(r#""query":{"tag":["a"],"supportKvm":true,"createdAt":"gte:2024-01-01T00:00:00Z"}"#), "{p}");
        assert!(p.contains(r#""credentials":"token-variable""#) && p.contains(r#""output":"ndjson""#), "{p}");
        let e = cli_plan(r#"["list","--limit","0","--region","cn-north-4"]"#, "{}").unwrap_err();
        assert!(e.contains(r#""key":"--limit""#), "{e}");
        assert!(cli_plan(r#"["regions"]"#, "{}")
            .unwrap()
            .contains(r#"{"id":"cn-north-4","endpoint":"https://ims.cn-north-4.myhuaweicloud.com"}"#));
        let c = curl_command(r#"{"method":"GET","url":"https://h/x","headers":{"X-Auth-Token":"t"}}"#, false).unwrap();
        assert!(!c.contains("'X-Auth-Token: t'"), "{c}");
    }
}
