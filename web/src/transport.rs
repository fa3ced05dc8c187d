//! The core's [`Transport`] for wasm32: `fetch` (the request built with gloo-net, the call bound
//! directly), `setTimeout`, `Date.now()` and `Math.random()`. Every attempt owns an
//! `AbortController` and a timer, kept in its response until the body is read: dropping the
//! future of a call (or the response) aborts the request and clears the timer, so nothing more
//! is sent or read.
//!
//! Why `fetch` is bound here rather than called through gloo-net's `send()`: gloo-net keeps only
//! the error's message (Node's `cause`, `ECONNREFUSED` and the like, is dropped), and it panics on
//! a rejection that is not an `Error` or an answer that is not a `Response`, and a panic traps the
//! module. Bound with `catch`, every outcome is a value this transport classifies.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, Response as GlooResponse};
use ims_client::call::TransportFailure;
use ims_client::client::{Failure, Response, Transport};
use ims_client::request::{HttpRequest, Redirect};
use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestRedirect, ResponseType};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_request(request: &web_sys::Request) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

fn network(message: impl Into<String>) -> Failure {
    Failure { kind: TransportFailure::Network, message: message.into() }
}

/// What a rejected `fetch` said: its message, and the runtime's cause code where it gives one
/// (`fetch failed (ECONNREFUSED)`). Never a credential: the runtime's own words about the network.
fn failure_text(e: &JsValue) -> String {
    let text = |v: &JsValue, key: &str| Reflect::get(v, &JsValue::from_str(key)).ok().and_then(|m| m.as_string());
    let message = text(e, "message").or_else(|| e.as_string()).unwrap_or_else(|| String::from("the request failed"));
    let cause = Reflect::get(e, &JsValue::from_str("cause")).unwrap_or(JsValue::UNDEFINED);
    match text(&cause, "code") {
        Some(code) if !code.is_empty() => ims_client::text::concat(&[&message, " (", &code, ")"]),
        _ => message,
    }
}

/// One attempt's clock: an `AbortController` aborted when `timeout_ms` pass, or when it is dropped.
struct Deadline {
    controller: AbortController,
    timer: JsValue,
    timed_out: Rc<Cell<bool>>,
    ms: u32,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Deadline {
    fn new(ms: u32) -> Result<Deadline, Failure> {
        let controller = AbortController::new().map_err(|e| network(failure_text(&e)))?;
        let timed_out = Rc::new(Cell::new(false));
        let (abort, flag) = (controller.clone(), Rc::clone(&timed_out));
        let on_timeout = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            abort.abort();
        });
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), f64::from(ms));
        Ok(Deadline { controller, timer, timed_out, ms, _on_timeout: on_timeout })
    }

    /// The failure for what stopped the attempt: the deadline, or the network.
    fn failed(&self, e: &JsValue) -> Failure {
        if self.timed_out.get() {
            Failure {
                kind: TransportFailure::Timeout,
                message: ims_client::text::concat(&["no response within ", &ims_client::text::int_text(u64::from(self.ms)), " ms"]),
            }
        } else {
            network(failure_text(e))
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        // A finished request is not harmed; an unfinished one (a dropped call) stops here.
        self.controller.abort();
    }
}

/// A response whose body is unread; dropping it aborts the request (and so the body).
pub struct WebResponse {
    /// gloo-net's view, for the status and headers.
    response: GlooResponse,
    /// The body is read here, with `catch` bindings: gloo-net's readers panic on a rejection
    /// that is not an `Error`.
    raw: web_sys::Response,
    deadline: Deadline,
}

impl Response for WebResponse {
    fn status(&self) -> u16 {
        self.response.status()
    }

    fn headers(&self) -> Vec<(String, String)> {
        self.response.headers().entries().collect()
    }

    async fn body(self, max_bytes: Option<usize>) -> Result<Vec<u8>, Failure> {
        match max_bytes {
            None => {
                let promise = self.raw.array_buffer().map_err(|e| self.deadline.failed(&e))?;
                let buffer = JsFuture::from(promise).await.map_err(|e| self.deadline.failed(&e))?;
                Ok(js_sys::Uint8Array::new(&buffer).to_vec())
            }
            Some(max) => self.read_at_most(max).await,
        }
    }
}

impl WebResponse {
    /// At most `max` bytes of the body through a reader, the rest cancelled.
    async fn read_at_most(&self, max: usize) -> Result<Vec<u8>, Failure> {
        let Some(stream) = self.raw.body() else { return Ok(Vec::new()) };
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut bytes = Vec::new();
        while bytes.len() < max {
            let chunk = JsFuture::from(reader.read()).await.map_err(|e| self.deadline.failed(&e))?;
            if Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
                break;
            }
            let value = Reflect::get(&chunk, &JsValue::from_str("value")).unwrap_or(JsValue::UNDEFINED);
            let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() else {
                return Err(network("the body gave something that is not bytes"));
            };
            bytes.extend(array.to_vec());
        }
        // The rest is not wanted: stop the stream (a promise nobody needs to wait for).
        let _ = reader.cancel();
        bytes.truncate(max);
        Ok(bytes)
    }
}

/// `fetch`, `setTimeout`, the clock and `Math.random()`, in a browser, a worker or Node 18+.
#[derive(Debug, Default, Clone, Copy)]
pub struct WebTransport;

impl Transport for WebTransport {
    type Response = WebResponse;

    async fn send(&self, request: &HttpRequest, timeout_ms: u32) -> Result<WebResponse, Failure> {
        let deadline = Deadline::new(timeout_ms)?;
        let signal = deadline.controller.signal();
        let mut builder = Request::get(&request.url).abort_signal(Some(&signal)).redirect(match request.redirect {
            Redirect::Manual => RequestRedirect::Manual,
        });
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let built: web_sys::Request = builder.build().map_err(|e| network(e.to_string()))?.into();
        let promise = fetch_request(&built).map_err(|e| network(failure_text(&e)))?;
        let answer = JsFuture::from(promise).await.map_err(|e| deadline.failed(&e))?;
        let raw: web_sys::Response = answer.dyn_into().map_err(|_| network("fetch gave something that is not a Response"))?;
        // A browser hides a redirect it did not follow behind an opaque response.
        if raw.type_() == ResponseType::Opaqueredirect {
            return Err(Failure { kind: TransportFailure::Redirect, message: String::from("the server answered with a redirect") });
        }
        // Another handle on the same JS object (`raw.clone()` would be fetch's Response.clone()).
        Ok(WebResponse { response: GlooResponse::from(Clone::clone(&raw)), raw, deadline })
    }

    async fn sleep(&self, ms: u64) {
        Sleep::new(ms).await;
    }

    fn now_ms(&self) -> i64 {
        // Saturating, NaN as 0: a clock out of range is refused by the core, never a trap.
        #[allow(clippy::cast_possible_truncation)]
        let ms = js_sys::Date::now() as i64;
        ms
    }

    fn random(&self) -> u32 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let draw = (js_sys::Math::random() * 4_294_967_296.0) as u32;
        draw
    }
}

/// A timer as a future; dropping it clears the timer.
struct Sleep {
    promise: JsFuture,
    timer: JsValue,
    _resolve: Closure<dyn FnMut()>,
}

impl Sleep {
    fn new(ms: u64) -> Sleep {
        let mut resolve_slot: Option<js_sys::Function> = None;
        let promise = Promise::new(&mut |resolve, _| resolve_slot = Some(resolve));
        let resolve = Closure::<dyn FnMut()>::new(move || {
            if let Some(r) = &resolve_slot {
                let _ = r.call0(&JsValue::UNDEFINED);
            }
        });
        // setTimeout takes a double; anything above 2^31 - 1 fires at once, so the core's waits
        // (at most 60 s) are given as they are.
        #[allow(clippy::cast_precision_loss)]
        let timer = set_timeout(resolve.as_ref().unchecked_ref(), ms as f64);
        Sleep { promise: JsFuture::from(promise), timer, _resolve: resolve }
    }
}

impl std::future::Future for Sleep {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        std::pin::Pin::new(&mut self.promise).poll(cx).map(|_| ())
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}
