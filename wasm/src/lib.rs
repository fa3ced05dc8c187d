//! The wasm-bindgen bindings of `ims-client`: conversion only. Every export takes and returns
//! JSON text (see [`json`]); the package's JS layer describes JS values in that form, carries
//! out the core's client-loop actions with `fetch` and timers, and parses good bodies with the
//! converter generated from the core's field table. No decision is made here.
//!
//! A failed constructor or helper throws the error's JSON text (a string), which the JS layer
//! turns into an `ImsError`.

pub mod alloc;
pub mod json;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

use std::sync::Arc;

use ims_client::call::{sdk_date_from_input, Action, Call, CallOptions, Env, Event, Pager};
use ims_client::config::ClientConfig;
use ims_client::paging::PageOptions;
use ims_client::parse::{next_marker, PageContext};
use ims_client::request::Operation;
use ims_client::{sign, Error, Input};
use wasm_bindgen::prelude::*;

fn input(json: &str) -> Result<Input, String> {
    Input::from_json_text(json).map_err(|e| json::error(&e))
}

fn thrown(e: Error) -> String {
    json::error(&e)
}

/// A JS timestamp (`Date.now()`) as whole milliseconds.
#[allow(clippy::cast_possible_truncation)]
fn millis(now: f64) -> i64 {
    // Saturating, NaN as 0: a clock out of range is refused later, never a trap.
    now as i64
}

/// A client: its validated options.
#[wasm_bindgen]
pub struct Client {
    cfg: Arc<ClientConfig>,
}

#[wasm_bindgen]
impl Client {
    /// `options`: the JSON form of the options object.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Result<Client, String> {
        let cfg = ClientConfig::from_input(&input(options)?).map_err(thrown)?;
        Ok(Client { cfg: Arc::new(cfg) })
    }

    /// Whether the options carried their own `fetch` (the JS layer holds it).
    #[wasm_bindgen(getter, js_name = customFetch)]
    pub fn custom_fetch(&self) -> bool {
        self.cfg.custom_fetch
    }

    /// One call of `operation` with `arg` (a query, or an image id) and call options.
    pub fn call(&self, operation: &str, arg: &str, opts: &str) -> Result<Job, String> {
        let op = Operation::from_input(operation, &input(arg)?).map_err(thrown)?;
        let opts = CallOptions::from_input(&input(opts)?, self.cfg.timeout_ms).map_err(thrown)?;
        Ok(Job { inner: Inner::Call(Box::new(Call::new(Arc::clone(&self.cfg), op, opts))) })
    }

    /// Every page of a list operation; `page_opts` is `byPage`'s `{ marker?, pageSize? }`.
    pub fn pages(&self, operation: &str, query: &str, opts: &str, page_opts: &str) -> Result<Job, String> {
        let op = Operation::from_input(operation, &input(query)?).map_err(thrown)?;
        let opts = CallOptions::from_input(&input(opts)?, self.cfg.timeout_ms).map_err(thrown)?;
        let page_opts = PageOptions::from_input(&input(page_opts)?).map_err(thrown)?;
        let pager = Pager::new(Arc::clone(&self.cfg), op, opts, page_opts).map_err(thrown)?;
        Ok(Job { inner: Inner::Pages(Box::new(pager)) })
    }

    /// `buildRequest`: a call whose `send` action is the answer; `opts` is `{ date? }`.
    #[wasm_bindgen(js_name = buildRequest)]
    pub fn build_request(&self, operation: &str, arg: &str, opts: &str) -> Result<Job, String> {
        let op = Operation::from_input(operation, &input(arg)?).map_err(thrown)?;
        let opts = input(opts)?;
        let members = opts.option_members("options", "{ date? }").map_err(thrown)?;
        if let Some((k, _)) = members.iter().find(|(k, v)| k != "date" && !matches!(v, Input::Absent)) {
            return Err(thrown(Error::invalid(k, "unknown buildRequest option")));
        }
        let date = members.iter().rev().find(|(k, _)| k == "date").map_or(&Input::Absent, |(_, v)| v);
        let date = sdk_date_from_input(date).map_err(thrown)?;
        let opts = CallOptions { timeout_ms: self.cfg.timeout_ms };
        Ok(Job { inner: Inner::Call(Box::new(Call::new(Arc::clone(&self.cfg), op, opts).with_sdk_date(date))) })
    }
}

enum Inner {
    Call(Box<Call>),
    Pages(Box<Pager>),
}

/// A call or an iteration in progress: the core's client loop, stepped by the JS driver.
#[wasm_bindgen]
pub struct Job {
    inner: Inner,
}

impl Job {
    fn run(&mut self, event: Event, now: f64, random: u32) -> String {
        let env = Env { now_ms: millis(now), random };
        let action = match &mut self.inner {
            Inner::Call(c) => c.step(event, env),
            Inner::Pages(p) => p.step(event, env),
        };
        json::action(&action)
    }
}

#[wasm_bindgen]
impl Job {
    /// Tells the job what happened (an event's JSON form); returns the next action's.
    pub fn step(&mut self, event: &str, now: f64, random: u32) -> String {
        match json::event(event) {
            Ok(ev) => self.run(ev, now, random),
            Err(e) => json::action(&Action::Fail(e)),
        }
    }

    /// Hands over an error response's body (as text), as `read-error-body` asked.
    #[wasm_bindgen(js_name = errorBody)]
    pub fn error_body(&mut self, body: &str, now: f64, random: u32) -> String {
        self.run(Event::ErrorBody(body.as_bytes().to_vec()), now, random)
    }

    /// Ends an iteration (the caller stopped).
    pub fn finish(&mut self) {
        if let Inner::Pages(p) = &mut self.inner {
            p.finish();
        }
    }
}

/// `signRequest`: the request's JSON form in, the headers to send out (a JSON object).
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(req: &str, now: f64) -> Result<String, String> {
    let headers = sign::sign_from_input(&input(req)?, millis(now)).map_err(thrown)?;
    Ok(json::string_map(&headers))
}

/// The `nextMarker` of a page parsed outside a call (`parseImagePage`): the page's facts in,
/// the marker out (none without a server marker, as no page size is known).
#[wasm_bindgen(js_name = nextMarker)]
pub fn next_marker_of(facts: &str) -> Option<String> {
    let facts = json::facts(&Input::from_json_text(facts).ok()?).ok()?;
    next_marker(&facts, PageContext::default())
}

/// Bytes of the module's memory allocated and not yet freed (for tests and diagnostics).
#[wasm_bindgen(js_name = allocatedBytes)]
pub fn allocated_bytes() -> usize {
    alloc::live_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_runs_natively_through_the_json_forms() {
        let client = Client::new(r#"{"endpoint":"https://h/p","credentials":{"accessKey":"AK","secretKey":"SK"}}"#).unwrap();
        let mut job = client.call("listImages", r#"{"limit":2,"tag":["b","a"]}"#, "null").unwrap();
        let send = job.step(r#"{"ev":"start"}"#, 1_540_720_800_000.0, 0);
        assert!(
            send.starts_with(r#"{"do":"send","method":"GET","url":"https://h/p/v2/cloudimages?limit=2&tag=a&tag=b","headers":{"#),
            "{send}"
        );
        assert!(send.contains(r#""X-Sdk-Date":"20181028T100000Z""#) && send.contains("SDK-HMAC-SHA256 Access=AK"), "{send}");
        assert_eq!(job.step(r#"{"ev":"response","status":200,"headers":[]}"#, 0.0, 0), r#"{"do":"parse","as":"page"}"#);
        let done = job.step(r#"{"ev":"parsed","facts":{"count":2,"lastId":"x","hasPageInfo":false,"hasLinks":false}}"#, 0.0, 0);
        assert_eq!(done, r#"{"do":"done","nextMarker":"x","images":2,"attempts":1}"#);
        assert!(job.step("garbage", 0.0, 0).starts_with(r#"{"do":"fail","error":{"kind":"parse""#));
    }

    #[test]
    fn errors_are_thrown_as_json() {
        let e = Client::new(r#"{"endpoint":"http://example.com","credentials":{"token":"t"}}"#).err().unwrap();
        assert!(e.contains(r#""key":"endpoint""#), "{e}");
        let client = Client::new(r#"{"region":"cn-north-4"}"#).unwrap();
        let e = client.call("glanceShowImage", "\"..\"", "null").err().unwrap();
        assert!(e.contains(r#""key":"imageId""#), "{e}");
        assert!(client.build_request("listImages", "null", r#"{"nope":1}"#).is_err());
        assert_eq!(next_marker_of(r#"{"count":1,"hasPageInfo":true,"pageInfoMarker":"m","hasLinks":false}"#).as_deref(), Some("m"));
        assert_eq!(next_marker_of("nope"), None);
    }
}
