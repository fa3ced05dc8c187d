//! The client's exports (the main module of the npm package): a client of validated options, and
//! jobs, the core's client loop stepped by the JS driver; `signRequest` and `nextMarker`.

use std::sync::Arc;

use ims_client::call::{Action, Call, Event, Moment, Pager};
use ims_client::config::ClientConfig;
use ims_client::parse::{next_marker, PageContext};
use ims_client::{interop, Input};
use wasm_bindgen::prelude::*;

use crate::{input, json, millis, thrown};

/// A client: its validated options.
#[wasm_bindgen]
pub struct Client {
    cfg: Arc<ClientConfig>,
    custom_fetch: bool,
}

#[wasm_bindgen]
impl Client {
    /// `options`: the JSON form of the options object; `origin`: the page's origin, when the
    /// client runs in a page (a path-absolute endpoint resolves against it).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, origin: Option<String>) -> Result<Client, String> {
        let (cfg, fns) = interop::client_config(&input(options)?, origin.as_deref()).map_err(thrown)?;
        Ok(Client { cfg: Arc::new(cfg), custom_fetch: fns.fetch })
    }

    /// Whether the options carried their own `fetch` (the JS layer holds it).
    #[wasm_bindgen(getter, js_name = customFetch)]
    pub fn custom_fetch(&self) -> bool {
        self.custom_fetch
    }

    /// One call of `operation` with `arg` (a query, or an image id) and call options; each
    /// argument in its JSON form.
    pub fn call(&self, operation: &str, arg: &str, opts: &str) -> Result<Job, String> {
        let op = interop::operation(&input(operation)?, &input(arg)?).map_err(thrown)?;
        let (opts, _) = interop::call_options(&input(opts)?, self.cfg.timeout_ms).map_err(thrown)?;
        Ok(Job { inner: Inner::Call(Box::new(Call::new(Arc::clone(&self.cfg), op, opts))) })
    }

    /// Every page of a list operation; `page_opts` is `byPage`'s `{ marker?, pageSize? }`.
    pub fn pages(&self, operation: &str, query: &str, opts: &str, page_opts: &str) -> Result<Job, String> {
        let op = interop::operation(&input(operation)?, &input(query)?).map_err(thrown)?;
        let (opts, _) = interop::call_options(&input(opts)?, self.cfg.timeout_ms).map_err(thrown)?;
        let page_opts = interop::page_options(&input(page_opts)?).map_err(thrown)?;
        let pager = Pager::new(Arc::clone(&self.cfg), op, opts, page_opts).map_err(thrown)?;
        Ok(Job { inner: Inner::Pages(Box::new(pager)) })
    }

    /// `buildRequest`: a call whose `send` action is the answer; `opts` is `{ date? }`.
    #[wasm_bindgen(js_name = buildRequest)]
    pub fn build_request(&self, operation: &str, arg: &str, opts: &str) -> Result<Job, String> {
        let op = interop::operation(&input(operation)?, &input(arg)?).map_err(thrown)?;
        let date = interop::build_request_options(&input(opts)?).map_err(thrown)?;
        let opts = ims_client::call::CallOptions { timeout_ms: self.cfg.timeout_ms };
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
        let now = Moment { now_ms: millis(now), random };
        let (action, record) = match &mut self.inner {
            Inner::Call(c) => (c.step(event, now), c.poll_attempt()),
            Inner::Pages(p) => (p.step(event, now), p.poll_attempt()),
        };
        json::action(&action, record.as_ref())
    }
}

#[wasm_bindgen]
impl Job {
    /// Tells the job what happened (an event's JSON form); returns the next action's. An event
    /// that cannot be read ends the job with the failure.
    pub fn step(&mut self, event: &str, now: f64, random: u32) -> String {
        match json::event(event) {
            Ok(ev) => self.run(ev, now, random),
            Err(e) => {
                self.finish();
                json::action(&Action::Fail(e), None)
            }
        }
    }

    /// Hands over an error response's body (as text), as `read-error-body` asked.
    #[wasm_bindgen(js_name = errorBody)]
    pub fn error_body(&mut self, body: &str, now: f64, random: u32) -> String {
        self.run(Event::ErrorBody(body.as_bytes().to_vec()), now, random)
    }

    /// Ends the job (the caller stopped) and lets an iteration's memory go.
    pub fn finish(&mut self) {
        match &mut self.inner {
            Inner::Call(c) => c.finish(),
            Inner::Pages(p) => p.finish(),
        }
    }
}

/// `signRequest`: the request's JSON form in, the headers to send out (a JSON object).
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(req: &str, now: f64) -> Result<String, String> {
    let headers = interop::sign_request(&input(req)?, millis(now)).map_err(thrown)?;
    Ok(json::string_map(&headers))
}

/// The `nextMarker` of a page parsed outside a call (`parseImagePage`): the page's facts in,
/// the marker out (none without a server marker, as no page size is known).
#[wasm_bindgen(js_name = nextMarker)]
pub fn next_marker_of(facts: &str) -> Option<String> {
    let facts = json::facts(&Input::from_json_text(facts).ok()?).ok()?;
    next_marker(&facts, PageContext::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_runs_natively_through_the_json_forms() {
        let client = Client::new(r#"{"endpoint":"https://h/p","credentials":{"accessKey":"AK","secretKey":"SK"}}"#, None).unwrap();
        let mut job = client.call(r#""listImages""#, r#"{"limit":2,"tag":["b","a"]}"#, "null").unwrap();
        let send = job.step(r#"{"ev":"start"}"#, 1_540_720_800_000.0, 0);
        assert!(
            send.starts_with(r#"{"do":"send","method":"GET","url":"https://h/p/v2/cloudimages?limit=2&tag=a&tag=b","headers":{"#),
            "{send}"
        );
        assert!(send.contains(r#""X-Sdk-Date":"20181028T100000Z""#) && send.contains("SDK-HMAC-SHA256 Access=AK"), "{send}");
        assert!(send.ends_with(r#""redirect":"manual","timeoutMs":30000}"#), "{send}");
        assert_eq!(job.step(r#"{"ev":"response","status":200,"headers":[]}"#, 1_540_720_800_004.0, 0), r#"{"do":"parse","as":"page"}"#);
        let done = job.step(
            r#"{"ev":"page-parsed","facts":{"count":2,"lastId":"x","hasPageInfo":false,"hasLinks":false}}"#,
            1_540_720_800_009.0,
            0,
        );
        assert_eq!(
            done,
            r#"{"do":"done","nextMarker":"x","images":2,"attempts":1,"attempt":{"operation":"listImages","attempt":1,"method":"GET","url":"https://h/p/v2/cloudimages?limit=2&tag=a&tag=b","status":200,"durationMs":9}}"#
        );
        assert!(job.step("garbage", 0.0, 0).starts_with(r#"{"do":"fail","error":{"kind":"parse""#));
    }

    #[test]
    fn errors_are_thrown_as_json() {
        let e = Client::new(r#"{"endpoint":"http://example.com","credentials":{"token":"t"}}"#, None).err().unwrap();
        assert!(e.contains(r#""key":"endpoint""#), "{e}");
        let client = Client::new(r#"{"region":"cn-north-4"}"#, None).unwrap();
        let e = client.call(r#""glanceShowImage""#, "\"..\"", "null").err().unwrap();
        assert!(e.contains(r#""key":"imageId""#), "{e}");
        assert!(client.build_request(r#""listImages""#, "null", r#"{"nope":1}"#).is_err());
        let e = client.call(r#"{"\u0000":["other","a non-plain object"]}"#, "null", "null").err().unwrap();
        assert!(e.contains(r#""key":"operation""#), "{e}");
        assert_eq!(next_marker_of(r#"{"count":1,"hasPageInfo":true,"pageInfoMarker":"m","hasLinks":false}"#).as_deref(), Some("m"));
        assert_eq!(next_marker_of("nope"), None);
        let page = Client::new(r#"{"endpoint":"/api/ims"}"#, Some("https://console.example.com".into())).unwrap();
        let mut job = page.call(r#""glanceShowImage""#, r#""a""#, "null").unwrap();
        assert!(job.step(r#"{"ev":"start"}"#, 0.0, 0).contains(r#""url":"https://console.example.com/api/ims/v2/images/a""#));
        assert!(Client::new(r#"{"endpoint":"/api/ims"}"#, None).err().unwrap().contains(r#""key":"endpoint""#));
    }
}
