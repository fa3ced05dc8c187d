//! The wasm-bindgen bindings: they convert JS values to the core's types and back, and drive the
//! core's decisions with JS I/O. Every decision (validation, request building, signing, retry,
//! backoff, paging, parsing) is the core's; the I/O primitives come from the package's JS entry:
//! `attempt` (one fetch with its own AbortController and timeout) and `sleep` (abortable).
//!
//! Results cross the boundary as JS-shaped JSON text, which the entry hands to `JSON.parse`.
//! Errors cross as plain objects (`{ __ims: true, kind, message, ... }`) that the entry turns
//! into `ImsError`s.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::config::{timeout_from_input, ClientConfig, CredentialSource};
use crate::error::{http_error, Error, ErrorKind};
use crate::paging::Paginator;
use crate::parse::{image_to_js_json, page_to_js, PageContext};
use crate::query::input::Input;
use crate::query::param::{PPositive, Param};
use crate::query::time::format_sdk_date;
use crate::request::{self, Credentials, Operation, RequestOptions, REGIONS};
use crate::sign::{self, SignRequest};
use crate::{retry, GlanceListImagesQuery, ListImagesQuery};

// ---------- conversions ----------

const MAX_DEPTH: u32 = 32;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn is_plain_object(v: &JsValue) -> bool {
    let proto = Object::get_prototype_of(v);
    proto.is_null() || Object::is(&proto, &Object::get_prototype_of(&Object::new()))
}

/// A JS value as the core's neutral input. Functions, class instances and the like become
/// `Other` with their type, so the core can name them in an error.
pub fn to_input(v: &JsValue) -> Input {
    to_input_at(v, 0)
}

fn to_input_at(v: &JsValue, depth: u32) -> Input {
    if v.is_undefined() || v.is_null() {
        Input::Absent
    } else if let Some(b) = v.as_bool() {
        Input::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Input::Number(n)
    } else if let Some(s) = v.as_string() {
        Input::Str(s)
    } else if v.is_function() {
        Input::Other("function".into())
    } else if v.is_instance_of::<js_sys::Date>() {
        Input::Date(js_sys::Date::from(v.clone()).get_time())
    } else if depth >= MAX_DEPTH {
        Input::Other("too deeply nested value".into())
    } else if Array::is_array(v) {
        Input::Array(Array::from(v).iter().map(|item| to_input_at(&item, depth + 1)).collect())
    } else if v.is_object() && is_plain_object(v) {
        let entries = Object::entries(&Object::from(v.clone()));
        Input::Object(
            entries
                .iter()
                .map(|pair| {
                    let pair = Array::from(&pair);
                    (pair.get(0).as_string().unwrap_or_default(), to_input_at(&pair.get(1), depth + 1))
                })
                .collect(),
        )
    } else if v.is_object() {
        Input::Other("a non-plain object".into())
    } else {
        Input::Other(v.js_typeof().as_string().unwrap_or_else(|| "unknown".into()))
    }
}

/// An `Error` as the plain object the JS entry turns into an `ImsError`.
pub fn error_to_js(e: &Error) -> JsValue {
    let o = Object::new();
    set(&o, "__ims", &JsValue::TRUE);
    set(&o, "kind", &JsValue::from_str(e.kind.as_str()));
    set(&o, "message", &JsValue::from_str(&e.message));
    set(&o, "retryable", &JsValue::from_bool(e.retryable));
    set(&o, "attempts", &JsValue::from_f64(f64::from(e.attempts)));
    if let Some(s) = e.status {
        set(&o, "status", &JsValue::from_f64(f64::from(s)));
    }
    for (k, v) in [("code", &e.code), ("requestId", &e.request_id), ("key", &e.key)] {
        if let Some(v) = v {
            set(&o, k, &JsValue::from_str(v));
        }
    }
    o.into()
}

fn js_err(e: Error) -> JsValue {
    error_to_js(&e)
}

fn headers_to_js(headers: &[(String, String)]) -> JsValue {
    let o = Object::new();
    for (k, v) in headers {
        set(&o, k, &JsValue::from_str(v));
    }
    o.into()
}

// ---------- pure helpers ----------

#[wasm_bindgen(js_name = parseImageJson)]
pub fn parse_image_json(json: &[u8]) -> Result<String, JsValue> {
    image_to_js_json(json).map_err(js_err)
}

#[wasm_bindgen(js_name = parseImagePageJson)]
pub fn parse_image_page_json(json: &[u8]) -> Result<String, JsValue> {
    page_to_js(json, PageContext::default()).map(|p| p.json).map_err(js_err)
}

#[wasm_bindgen]
pub fn regions() -> Array {
    REGIONS.iter().map(|(id, _)| JsValue::from_str(id)).collect()
}

/// `X-Sdk-Date` from a `Date`, an SDK-form string, or now.
fn sdk_date(v: &JsValue) -> Result<String, Error> {
    match to_input(v) {
        Input::Absent => format_sdk_date(js_sys::Date::now()).ok_or_else(|| Error::invalid("date", "the clock is out of range")),
        Input::Date(ms) => format_sdk_date(ms).ok_or_else(|| Error::invalid("date", "invalid Date")),
        Input::Str(s) if sign::is_sdk_date(&s) => Ok(s),
        Input::Str(_) => Err(Error::invalid("date", "expected a Date or 'YYYYMMDDTHHMMSSZ'")),
        other => Err(Error::invalid("date", format!("expected a Date or a string, got {}", other.type_name()))),
    }
}

fn required_string(obj: &JsValue, key: &str) -> Result<String, Error> {
    to_input(&get(obj, key)).string(key)
}

#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(req: JsValue) -> Result<JsValue, JsValue> {
    (|| {
        if !req.is_object() {
            return Err(Error::invalid("request", "expected an object"));
        }
        let method = required_string(&req, "method")?;
        let url = required_string(&req, "url")?;
        let access_key = required_string(&req, "accessKey")?;
        let secret_key = required_string(&req, "secretKey")?;
        let headers = to_input(&get(&req, "headers")).string_map("headers")?;
        let body = match to_input(&get(&req, "body")) {
            Input::Absent => Vec::new(),
            Input::Str(s) => s.into_bytes(),
            other => return Err(Error::invalid("body", format!("expected a string, got {}", other.type_name()))),
        };
        let date = sdk_date(&get(&req, "date"))?;
        let signed = sign::sign(&SignRequest {
            method: &method,
            url: &url,
            headers: &headers,
            body: &body,
            access_key: &access_key,
            secret_key: &secret_key,
            date: Some(&date),
        })?;
        Ok(headers_to_js(&signed.headers))
    })()
    .map_err(js_err)
}

// ---------- the client ----------

struct Inner {
    cfg: ClientConfig,
    fetch: JsValue,
    provider: Option<Function>,
    attempt: Function,
    sleep: Function,
}

/// Per-call options: `{ signal?, timeoutMs? }`.
#[derive(Clone)]
struct CallOpts {
    signal: JsValue,
    timeout_ms: u32,
}

fn call_opts(v: &JsValue, default_timeout: u32) -> Result<CallOpts, Error> {
    let mut out = CallOpts { signal: JsValue::UNDEFINED, timeout_ms: default_timeout };
    if v.is_undefined() || v.is_null() {
        return Ok(out);
    }
    if !v.is_object() {
        return Err(Error::invalid("options", "expected { signal?, timeoutMs? }"));
    }
    for key in Object::keys(&Object::from(v.clone())).iter().filter_map(|k| k.as_string()) {
        let value = get(v, &key);
        match key.as_str() {
            _ if value.is_undefined() => {}
            "signal" => {
                if !value.is_object() || get(&value, "aborted").as_bool().is_none() {
                    return Err(Error::invalid("signal", "expected an AbortSignal"));
                }
                out.signal = value;
            }
            "timeoutMs" => out.timeout_ms = timeout_from_input("timeoutMs", &to_input(&value))?,
            other => return Err(Error::invalid(other, "unknown call option")),
        }
    }
    Ok(out)
}

fn aborted(signal: &JsValue) -> bool {
    !signal.is_undefined() && get(signal, "aborted").as_bool() == Some(true)
}

fn with_attempts(mut e: Error, attempts: u32) -> Error {
    e.attempts = attempts;
    e
}

fn abort_error() -> Error {
    Error::new(ErrorKind::Aborted, "the call was aborted")
}

/// A rejection from the JS I/O helpers (`{ kind, message }`) as an `Error`.
fn io_error(v: &JsValue) -> Error {
    let kind = match get(v, "kind").as_string().as_deref() {
        Some("aborted") => ErrorKind::Aborted,
        Some("timeout") => ErrorKind::Timeout,
        _ => ErrorKind::Network,
    };
    let message = get(v, "message").as_string().unwrap_or_else(|| "the request failed".into());
    Error::new(kind, message)
}

async fn await_promise(p: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::resolve(&p)).await
}

impl Inner {
    async fn credentials(&self) -> Result<Option<Credentials>, Error> {
        match (&self.cfg.credentials, &self.provider) {
            (CredentialSource::None, _) => Ok(None),
            (CredentialSource::Static(c), _) => Ok(Some(c.clone())),
            (CredentialSource::Provider, Some(f)) => {
                let result = match f.call0(&JsValue::UNDEFINED) {
                    Ok(p) => await_promise(p).await,
                    Err(e) => Err(e),
                };
                match result {
                    Ok(v) => Credentials::from_input("credentials", &to_input(&v)).map(Some),
                    Err(e) => {
                        let why = get(&e, "message").as_string().unwrap_or_else(|| "it threw".into());
                        let mut err = Error::new(ErrorKind::Network, format!("the credentials provider failed: {why}"));
                        err.retryable = false;
                        Err(err)
                    }
                }
            }
            (CredentialSource::Provider, None) => Err(Error::invalid("credentials", "provider missing")),
        }
    }

    async fn build(&self, op: &Operation, date: Option<String>) -> Result<(request::HttpRequest, Option<Credentials>), Error> {
        let creds = self.credentials().await?;
        let date = match date {
            Some(d) => d,
            None => sdk_date(&JsValue::UNDEFINED)?,
        };
        let opts = RequestOptions {
            project_id: self.cfg.project_id.as_deref(),
            credentials: creds.as_ref(),
            headers: &self.cfg.headers,
            sdk_date: Some(&date),
        };
        Ok((request::build(&self.cfg.endpoint, op, &opts)?, creds))
    }

    /// The attempt loop: request, classify, back off, retry, as the core decides. Returns the
    /// body and how many requests it took.
    async fn execute(&self, op: &Operation, opts: &CallOpts) -> Result<(Vec<u8>, u32), Error> {
        let mut attempts = 0u32;
        loop {
            if aborted(&opts.signal) {
                let mut e = abort_error();
                e.attempts = attempts;
                return Err(e);
            }
            let (req, creds) = self.build(op, None).await?;
            attempts += 1;
            let args = Array::of5(
                &self.fetch,
                &JsValue::from_str(&req.url),
                &headers_to_js(&req.headers),
                &JsValue::from_f64(f64::from(opts.timeout_ms)),
                &opts.signal,
            );
            let outcome = match self.attempt.apply(&JsValue::UNDEFINED, &args) {
                Ok(p) => await_promise(p).await,
                Err(e) => Err(e),
            };
            let (mut err, retry_after) = match outcome {
                Ok(resp) => {
                    let status = get(&resp, "status").as_f64().unwrap_or(0.0) as u16;
                    let body = Uint8Array::new(&get(&resp, "body")).to_vec();
                    if (200..300).contains(&status) {
                        return Ok((body, attempts));
                    }
                    let request_id = get(&resp, "requestId").as_string();
                    let retry_after = get(&resp, "retryAfter")
                        .as_string()
                        .and_then(|v| retry::retry_after_ms(&v, js_sys::Date::now()));
                    (http_error(status, &body, request_id), retry_after)
                }
                Err(e) => (io_error(&e), None),
            };
            err.attempts = attempts;
            if let Some(c) = &creds {
                err.redact(&c.secrets());
            }
            if err.kind == ErrorKind::Aborted || aborted(&opts.signal) {
                let mut e = abort_error();
                e.attempts = attempts;
                return Err(e);
            }
            let delay = retry::next_delay_ms(&err, attempts, self.cfg.max_retries, retry_after, js_sys::Math::random());
            match delay {
                None => return Err(err),
                Some(ms) => {
                    let slept = match self.sleep.call2(&JsValue::UNDEFINED, &JsValue::from_f64(ms), &opts.signal) {
                        Ok(p) => await_promise(p).await,
                        Err(e) => Err(e),
                    };
                    if slept.is_err() {
                        let mut e = abort_error();
                        e.attempts = attempts;
                        return Err(e);
                    }
                }
            }
        }
    }

    async fn call(&self, op: Operation, opts: CallOpts) -> Result<String, Error> {
        let limit = op.effective_limit();
        let (body, attempts) = self.execute(&op, &opts).await?;
        let parsed = match op {
            Operation::GlanceShowImage(_) => image_to_js_json(&body),
            _ => page_to_js(&body, PageContext { limit }).map(|p| p.json),
        };
        parsed.map_err(|e| with_attempts(e, attempts))
    }
}

#[wasm_bindgen]
pub struct CoreClient {
    inner: Rc<Inner>,
}

fn function_of(v: &JsValue, key: &str) -> Result<Function, Error> {
    get(v, key).dyn_into::<Function>().map_err(|_| Error::invalid(key, "expected a function"))
}

#[wasm_bindgen]
impl CoreClient {
    /// `options` as the user gave them; `io` is `{ attempt, sleep, fetch }` from the JS entry.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, io: JsValue) -> Result<CoreClient, JsValue> {
        (|| {
            let options = if options.is_undefined() { Object::new().into() } else { options };
            let cfg = ClientConfig::from_input(&to_input(&options))?;
            let fetch = if cfg.custom_fetch { get(&options, "fetch") } else { get(&io, "fetch") };
            if !fetch.is_function() {
                return Err(Error::invalid("fetch", "no fetch function: pass options.fetch or use Node >= 18"));
            }
            let provider = match cfg.credentials {
                CredentialSource::Provider => Some(function_of(&options, "credentials")?),
                _ => None,
            };
            Ok(CoreClient {
                inner: Rc::new(Inner { cfg, fetch, provider, attempt: function_of(&io, "attempt")?, sleep: function_of(&io, "sleep")? }),
            })
        })()
        .map_err(js_err)
    }

    /// One call; resolves to JS-shaped JSON text.
    pub fn call(&self, operation: JsValue, arg: JsValue, opts: JsValue) -> Promise {
        let operation = operation.as_string().unwrap_or_default();
        let inner = Rc::clone(&self.inner);
        let prepared = Operation::from_input(&operation, &to_input(&arg))
            .and_then(|op| call_opts(&opts, inner.cfg.timeout_ms).map(|o| (op, o)));
        future_to_promise(async move {
            let (op, opts) = prepared.map_err(js_err)?;
            inner.call(op, opts).await.map(|s| JsValue::from_str(&s)).map_err(js_err)
        })
    }

    /// What would be sent: `{ method, url, headers }`.
    #[wasm_bindgen(js_name = buildRequest)]
    pub fn build_request(&self, operation: JsValue, arg: JsValue, opts: JsValue) -> Promise {
        let operation = operation.as_string().unwrap_or_default();
        let inner = Rc::clone(&self.inner);
        let prepared = Operation::from_input(&operation, &to_input(&arg)).and_then(|op| {
            let date = if opts.is_object() { get(&opts, "date") } else { JsValue::UNDEFINED };
            sdk_date(&date).map(|d| (op, d))
        });
        future_to_promise(async move {
            let (op, date) = prepared.map_err(js_err)?;
            let (req, _) = inner.build(&op, Some(date)).await.map_err(js_err)?;
            let o = Object::new();
            set(&o, "method", &JsValue::from_str(req.method));
            set(&o, "url", &JsValue::from_str(&req.url));
            set(&o, "headers", &headers_to_js(&req.headers));
            Ok(o.into())
        })
    }

    /// A paginator over every page; `page_opts` is `byPage`'s `{ marker?, pageSize? }`.
    pub fn pager(&self, operation: JsValue, query: JsValue, opts: JsValue, page_opts: JsValue) -> Result<CorePager, JsValue> {
        let operation = operation.as_string().unwrap_or_default();
        (|| {
            let (marker, page_size) = page_options(&page_opts)?;
            let state = match Operation::from_input(&operation, &to_input(&query))? {
                Operation::ListImages(q) => Pages::List(Paginator::new(q, marker, page_size)),
                Operation::GlanceListImages(q) => Pages::Glance(Paginator::new(q, marker, page_size)),
                Operation::GlanceShowImage(_) => return Err(Error::invalid("operation", "glanceShowImage has no pages")),
            };
            let opts = call_opts(&opts, self.inner.cfg.timeout_ms)?;
            Ok(CorePager { inner: Rc::clone(&self.inner), state: Rc::new(RefCell::new(state)), opts })
        })()
        .map_err(js_err)
    }
}

fn page_options(v: &JsValue) -> Result<(Option<String>, Option<u64>), Error> {
    let mut marker = None;
    let mut page_size = None;
    match to_input(v) {
        Input::Absent => {}
        Input::Object(members) => {
            for (k, v) in members {
                match (k.as_str(), &v) {
                    (_, Input::Absent) => {}
                    ("marker", v) => marker = Some(v.string("marker")?),
                    ("pageSize", v) => page_size = Some(PPositive::from_input("pageSize", v)?),
                    (other, _) => return Err(Error::invalid(other, "unknown byPage option")),
                }
            }
        }
        other => return Err(Error::invalid("byPage", format!("expected an object, got {}", other.type_name()))),
    }
    Ok((marker, page_size))
}

enum Pages {
    List(Paginator<ListImagesQuery>),
    Glance(Paginator<GlanceListImagesQuery>),
}

impl Pages {
    fn next_operation(&self) -> Option<Operation> {
        match self {
            Pages::List(p) => p.next_query().map(Operation::ListImages),
            Pages::Glance(p) => p.next_query().map(Operation::GlanceListImages),
        }
    }
    fn advance(&mut self, images: usize, next_marker: Option<String>) -> Result<(), Error> {
        match self {
            Pages::List(p) => p.advance(images, next_marker),
            Pages::Glance(p) => p.advance(images, next_marker),
        }
    }
    fn finish(&mut self) {
        match self {
            Pages::List(p) => p.finish(),
            Pages::Glance(p) => p.finish(),
        }
    }
}

#[wasm_bindgen]
pub struct CorePager {
    inner: Rc<Inner>,
    state: Rc<RefCell<Pages>>,
    opts: CallOpts,
}

#[wasm_bindgen]
impl CorePager {
    /// The next page as JS-shaped JSON text, or `undefined` when there are no more.
    pub fn next(&self) -> Promise {
        let inner = Rc::clone(&self.inner);
        let state = Rc::clone(&self.state);
        let opts = self.opts.clone();
        future_to_promise(async move {
            // The borrow ends before any await: concurrent next() calls cannot collide.
            let Some(op) = state.borrow().next_operation() else { return Ok(JsValue::UNDEFINED) };
            let limit = op.effective_limit();
            let result = match inner.execute(&op, &opts).await {
                Ok((body, attempts)) => page_to_js(&body, PageContext { limit }).map_err(|e| with_attempts(e, attempts)),
                Err(e) => Err(e),
            };
            let page = match result {
                Ok(p) => p,
                Err(e) => {
                    state.borrow_mut().finish();
                    return Err(js_err(e));
                }
            };
            state.borrow_mut().advance(page.images, page.next_marker).map_err(js_err)?;
            Ok(JsValue::from_str(&page.json))
        })
    }

}
