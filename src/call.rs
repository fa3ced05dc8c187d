//! The client loop, without I/O. A [`Call`] is one operation's attempts: it says what to do next
//! (an [`Action`]: ask the credentials provider, send this request, read the error body, parse
//! the body, sleep this long, done, failed) and is told what happened (an [`Event`]). A [`Pager`]
//! runs calls page after page. Every decision (credentials, request building and signing,
//! redirects, retries and backoff, `Retry-After`, abort, the `nextMarker` rule, paging, what a
//! telemetry record holds) is made here; a driver only carries the actions out: the npm
//! package's JS with `fetch` and timers, `client.rs`'s async driver over a [`crate::client::Transport`].
//!
//! Time and chance come in from outside with every step ([`Moment`]), so the loop is
//! deterministic under test.
//!
//! ## Calling contract
//!
//! Start a [`Call`] with [`Event::Start`] (a [`Pager`]'s next page with [`Event::NextPage`]), then
//! answer each action with one of its events:
//!
//! | action | answered with |
//! |---|---|
//! | [`Action::AskCredentials`] | [`Event::Credentials`] (`Err(TimedOut)` after `timeout_ms`) |
//! | [`Action::Send`] | [`Event::Response`] as soon as the status and headers arrive, body unread (a 3xx as it is: redirects are never followed), or [`Event::TransportFailed`] |
//! | [`Action::Parse`] | read the whole body, then [`Event::PageParsed`] for `Page`, [`Event::ImageParsed`] for `Image`, [`Event::ParseFailed`]; or [`Event::TransportFailed`] (a cut body) |
//! | [`Action::ReadErrorBody`] | [`Event::ErrorBody`] with at most `max_bytes` (cancel the rest), or [`Event::TransportFailed`] |
//! | [`Action::Sleep`] | [`Event::Slept`] |
//! | [`Action::Done`], [`Action::Fail`] | nothing: the call has ended; cancel any body left unread (a pager: [`Event::NextPage`] for the next page) |
//! | [`Action::End`] | nothing: a pager has no more pages |
//!
//! [`Event::Aborted`] answers any action: the caller's signal fired. After each step,
//! [`Call::poll_attempt`] gives the record of an attempt that the step ended, once.

use std::sync::Arc;

use crate::auth::Credentials;
use crate::config::{ClientConfig, CredentialSource};
use crate::dates::format_sdk_date;
use crate::error::{Error, ErrorKind};
use crate::headers;
use crate::paging::{PageCursor, PageOptions};
use crate::parse::{next_page, NextPage, PageContext, PageFacts};
use crate::request::{self, HttpRequest, Operation, RequestOptions};
use crate::response::{http_error, MAX_ERROR_BODY_BYTES};
use crate::retry::{next_delay_ms, retry_after_ms, transport_error};
use crate::text::{concat, int_text, json_quote};

/// The world at the moment of a step: the clock and a random draw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moment {
    /// Milliseconds since the Unix epoch (signing dates, `Retry-After` dates, durations).
    pub now_ms: i64,
    /// A uniformly drawn 32-bit number (backoff jitter).
    pub random: u32,
}

/// Why no complete response arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportFailure {
    /// Refused, reset, DNS, CORS, a cut body.
    Network,
    /// No complete response within the attempt's timeout.
    Timeout,
    /// The runtime met a redirect it would not show (a browser's `opaqueredirect`).
    Redirect,
}

/// Why the credentials provider gave nothing usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsFailure {
    /// It threw: the name of what it threw, never its message (that could hold a secret no one
    /// can scrub).
    Threw(String),
    /// It returned something that is not credentials (the error names the key).
    Invalid(Error),
    /// It did not answer within the attempt's timeout.
    TimedOut,
}

/// What a credentials provider answered.
#[derive(Clone, PartialEq, Eq)]
pub struct Provided {
    /// The credentials.
    pub credentials: Credentials,
    /// A project id it found, sent as `X-Project-Id` when the client has none.
    pub project_id: Option<String>,
}

/// What happened, told to the loop by its driver. `Debug` never shows credentials or a body.
#[derive(Clone, PartialEq, Eq)]
pub enum Event {
    /// Begin a call.
    Start,
    /// Begin a pager's next page.
    NextPage,
    /// The credentials provider answered.
    Credentials(Result<Provided, CredentialsFailure>),
    /// A response's status and headers arrived (the driver holds its unread body).
    Response {
        /// The HTTP status.
        status: u16,
        /// Every response header.
        headers: Vec<(String, String)>,
    },
    /// The body of an error response, as [`Action::ReadErrorBody`] asked.
    ErrorBody(Vec<u8>),
    /// No complete response.
    TransportFailed {
        /// Why.
        failure: TransportFailure,
        /// What the transport said (never a credential).
        message: String,
    },
    /// The wait [`Action::Sleep`] asked for is over.
    Slept,
    /// The good body is a page; these are its facts.
    PageParsed(PageFacts),
    /// The good body is an image.
    ImageParsed,
    /// The good body is not the documented JSON.
    ParseFailed(String),
    /// The caller's signal fired.
    Aborted {
        /// The name of the signal's reason (`TimeoutError` for `AbortSignal.timeout()`), never its
        /// message.
        reason: Option<String>,
    },
}

impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::Credentials(Ok(_)) => f.write_str("Credentials(Ok([redacted]))"),
            Event::Credentials(Err(e)) => f.debug_tuple("Credentials").field(e).finish(),
            Event::ErrorBody(b) => write!(f, "ErrorBody({} bytes)", b.len()),
            Event::Response { status, .. } => write!(f, "Response {{ status: {status}, .. }}"),
            Event::TransportFailed { failure, message } => {
                f.debug_struct("TransportFailed").field("failure", failure).field("message", message).finish()
            }
            Event::PageParsed(facts) => f.debug_tuple("PageParsed").field(facts).finish(),
            Event::ParseFailed(why) => f.debug_tuple("ParseFailed").field(why).finish(),
            Event::Aborted { reason } => f.debug_struct("Aborted").field("reason", reason).finish(),
            other => f.write_str(other.name()),
        }
    }
}

impl Event {
    /// The event's name, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Start => "start",
            Event::NextPage => "next page",
            Event::Credentials(_) => "credentials",
            Event::Response { .. } => "response",
            Event::ErrorBody(_) => "error body",
            Event::TransportFailed { .. } => "transport failure",
            Event::Slept => "slept",
            Event::PageParsed(_) => "page parsed",
            Event::ImageParsed => "image parsed",
            Event::ParseFailed(_) => "parse failure",
            Event::Aborted { .. } => "aborted",
        }
    }
}

/// What the body of a good response is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A list page.
    Page,
    /// One image.
    Image,
}

/// How a call ended well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// For a page: where the next one starts (`End` for one image).
    pub next: NextPage,
    /// For a page: how many images it held.
    pub images: usize,
    /// How many requests it took.
    pub attempts: u32,
}

impl Done {
    /// The page's `nextMarker`: absent on the last page (and when it cannot be known).
    pub fn next_marker(&self) -> Option<&str> {
        match &self.next {
            NextPage::At(m) => Some(m),
            NextPage::End | NextPage::Lost => None,
        }
    }
}

/// What the driver must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Call the credentials provider; give up on it after `timeout_ms`.
    AskCredentials {
        /// How long the provider may take.
        timeout_ms: u32,
    },
    /// Send this request, never following a redirect; abort it, body reading included, after
    /// `timeout_ms`.
    Send {
        /// The request.
        request: HttpRequest,
        /// The per-attempt timeout.
        timeout_ms: u32,
    },
    /// Hand over the error response's body, at most `max_bytes` of it (cancel the rest).
    ReadErrorBody {
        /// The most bytes the loop reads of an error body.
        max_bytes: usize,
    },
    /// Read the whole good body and parse it as this.
    Parse(Expect),
    /// Wait this long (abortable).
    Sleep {
        /// Milliseconds.
        ms: u64,
    },
    /// The call succeeded.
    Done(Done),
    /// The call failed.
    Fail(Error),
    /// A pager has no more pages.
    End,
}

/// One attempt, as telemetry sees it (the contract's `AttemptRecord`): never a header, a token, a
/// key or a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRecord {
    /// The operation (`listImages`, ...).
    pub operation: &'static str,
    /// 1 for a call's first request.
    pub attempt: u32,
    /// Always `GET`.
    pub method: &'static str,
    /// Exactly as sent (a URL never holds a credential here).
    pub url: String,
    /// Absent when no response arrived.
    pub status: Option<u16>,
    /// By the same rule as `Error::request_id`.
    pub request_id: Option<String>,
    /// Absent on success.
    pub error_kind: Option<ErrorKind>,
    /// From sending to the end of reading the body.
    pub duration_ms: u64,
    /// The wait before the next attempt, when one follows.
    pub retry_in_ms: Option<u64>,
}

/// A call's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallOptions {
    /// The per-attempt timeout for this call.
    pub timeout_ms: u32,
}

/// The attempt in flight: what its record needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sent {
    url: String,
    at_ms: i64,
}

/// A response that arrived: its status and request id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    status: u16,
    request_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum State {
    Ready,
    AwaitingCredentials,
    AwaitingResponse(Sent),
    AwaitingErrorBody(Sent, Answer, Option<String>),
    AwaitingParse(Sent, Answer, Expect),
    Sleeping,
    #[default]
    Finished,
}

impl State {
    fn name(&self) -> &'static str {
        match self {
            State::Ready => "the start",
            State::AwaitingCredentials => "asking for credentials",
            State::AwaitingResponse(_) => "sending",
            State::AwaitingErrorBody(..) => "reading an error body",
            State::Sleeping => "sleeping",
            State::AwaitingParse(..) => "parsing",
            State::Finished => "the end",
        }
    }
}

/// Secret strings, never shown by `Debug`.
#[derive(Clone, Default)]
struct Secrets(Vec<String>);

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} redacted]", self.0.len())
    }
}

/// The error of a call whose caller's signal fired.
fn aborted(reason: Option<&str>) -> Error {
    Error::new(
        ErrorKind::Aborted,
        match reason {
            Some("TimeoutError") => {
                "the call was aborted: the signal's reason is a TimeoutError (a timeout signal fired, such as AbortSignal.timeout())"
            }
            _ => "the call was aborted",
        },
    )
}

/// The error of a redirect, which is never followed: it could carry the credential headers to
/// another host. Not retryable: the same request would be redirected again.
fn redirect_refused(status: Option<u16>, location: Option<&str>) -> Error {
    let mut message = String::from("the server answered with a redirect");
    if let Some(s) = status {
        message = concat(&[&message, " (HTTP ", &int_text(u64::from(s)), ")"]);
    }
    if let Some(l) = location {
        let shown: String = l.chars().take(200).collect();
        message = concat(&[&message, " to ", &json_quote(&shown)]);
    }
    let mut e = Error::new(
        ErrorKind::Network,
        concat(&[&message, "; redirects are never followed (they could carry credentials to another host)"]),
    );
    e.status = status;
    e
}

/// One operation's attempts (see the module docs).
#[derive(Debug, Clone)]
pub struct Call {
    cfg: Arc<ClientConfig>,
    op: Operation,
    timeout_ms: u32,
    sdk_date: Option<String>,
    attempts: u32,
    state: State,
    /// Values of the credential headers last sent: scrubbed from server-provided text.
    secrets: Secrets,
    record: Option<AttemptRecord>,
}

impl Call {
    /// A call of `op` with this client's configuration.
    pub fn new(cfg: Arc<ClientConfig>, op: Operation, opts: CallOptions) -> Call {
        Call {
            cfg,
            op,
            timeout_ms: opts.timeout_ms,
            sdk_date: None,
            attempts: 0,
            state: State::Ready,
            secrets: Secrets::default(),
            record: None,
        }
    }

    /// Signs with this fixed `X-Sdk-Date` instead of the clock (`buildRequest`'s `date`).
    pub fn with_sdk_date(mut self, date: Option<String>) -> Call {
        self.sdk_date = date;
        self
    }

    /// The operation.
    pub fn operation(&self) -> &Operation {
        &self.op
    }

    /// Tells the call what happened; returns what to do next. After `Done` or `Fail` the call
    /// has ended, and every further event fails.
    pub fn step(&mut self, event: Event, now: Moment) -> Action {
        let state = std::mem::take(&mut self.state);
        let (next, action) = self.advance(state, event, now);
        self.state = if matches!(action, Action::Done(_) | Action::Fail(_)) { State::Finished } else { next };
        action
    }

    /// The record of the attempt the last step ended, once (`None` when it ended none).
    pub fn poll_attempt(&mut self) -> Option<AttemptRecord> {
        self.record.take()
    }

    /// Ends the call where it is (its driver gave up on it): every further event fails.
    pub fn finish(&mut self) {
        self.state = State::Finished;
    }

    fn fail(&self, e: Error) -> (State, Action) {
        let mut e = e.with_attempts(self.attempts);
        let secrets: Vec<&str> = self.secrets.0.iter().map(String::as_str).collect();
        e.redact(&secrets);
        (State::Finished, Action::Fail(e))
    }

    /// Notes the end of the attempt in flight.
    fn end_attempt(&mut self, sent: Sent, answer: Option<&Answer>, error_kind: Option<ErrorKind>, ended_ms: i64) {
        let duration = ended_ms.saturating_sub(sent.at_ms);
        self.record = Some(AttemptRecord {
            operation: self.op.name(),
            attempt: self.attempts,
            method: "GET",
            url: sent.url,
            status: answer.map(|a| a.status),
            request_id: answer.and_then(|a| a.request_id.clone()),
            error_kind,
            duration_ms: u64::try_from(duration).unwrap_or(0),
            retry_in_ms: None,
        });
    }

    fn advance(&mut self, state: State, event: Event, now: Moment) -> (State, Action) {
        match (state, event) {
            (State::Finished, _) => (State::Finished, Action::Fail(Error::invalid("call", "the call has already ended"))),
            (state, Event::Aborted { reason }) => {
                match state {
                    State::AwaitingResponse(sent) => self.end_attempt(sent, None, Some(ErrorKind::Aborted), now.now_ms),
                    State::AwaitingErrorBody(sent, answer, _) | State::AwaitingParse(sent, answer, _) => {
                        self.end_attempt(sent, Some(&answer), Some(ErrorKind::Aborted), now.now_ms)
                    }
                    _ => {}
                }
                self.fail(aborted(reason.as_deref()))
            }
            (State::Ready, Event::Start) | (State::Sleeping, Event::Slept) => self.begin_attempt(now),
            (State::AwaitingCredentials, Event::Credentials(Ok(p))) => self.send(Some(&p.credentials), p.project_id.as_deref(), now),
            (State::AwaitingCredentials, Event::Credentials(Err(failure))) => self.fail(match failure {
                // The caller's own function failed: retrying would only call it again.
                CredentialsFailure::Threw(what) => {
                    Error::new(ErrorKind::Network, concat(&["the credentials provider failed (", &what, ")"]))
                }
                CredentialsFailure::Invalid(e) => e,
                CredentialsFailure::TimedOut => Error::new(
                    ErrorKind::Timeout,
                    concat(&["the credentials provider did not answer within ", &int_text(u64::from(self.timeout_ms)), " ms"]),
                ),
            }),
            (State::AwaitingResponse(sent), Event::Response { status, headers }) => {
                let answer = Answer { status, request_id: headers::request_id(&headers) };
                match status {
                    200..=299 => {
                        let expect = if matches!(self.op, Operation::GlanceShowImage(_)) { Expect::Image } else { Expect::Page };
                        (State::AwaitingParse(sent, answer, expect), Action::Parse(expect))
                    }
                    300..=399 => {
                        self.end_attempt(sent, Some(&answer), Some(ErrorKind::Network), now.now_ms);
                        let mut e = redirect_refused(Some(status), headers::find(&headers, "location"));
                        e.request_id = answer.request_id;
                        self.fail(e)
                    }
                    _ => {
                        let retry_after = headers::retry_after(&headers).map(str::to_owned);
                        (State::AwaitingErrorBody(sent, answer, retry_after), Action::ReadErrorBody { max_bytes: MAX_ERROR_BODY_BYTES })
                    }
                }
            }
            (State::AwaitingErrorBody(sent, answer, retry_after), Event::ErrorBody(body)) => {
                let e = http_error(answer.status, &body, answer.request_id.clone());
                self.end_attempt(sent, Some(&answer), Some(ErrorKind::Http), now.now_ms);
                let wait = retry_after.as_deref().and_then(|v| retry_after_ms(v, now.now_ms));
                self.retry_or_fail(e, wait, now)
            }
            (State::AwaitingResponse(sent), Event::TransportFailed { failure, message }) => {
                self.transport_failed(sent, None, failure, message, now)
            }
            (
                State::AwaitingErrorBody(sent, answer, _) | State::AwaitingParse(sent, answer, _),
                Event::TransportFailed { failure, message },
            ) => self.transport_failed(sent, Some(answer), failure, message, now),
            (State::AwaitingParse(sent, answer, Expect::Page), Event::PageParsed(facts)) => {
                self.end_attempt(sent, Some(&answer), None, now.now_ms);
                let ctx = PageContext { limit: self.op.effective_limit() };
                let done = Done { next: next_page(&facts, ctx), images: facts.count, attempts: self.attempts };
                (State::Finished, Action::Done(done))
            }
            (State::AwaitingParse(sent, answer, Expect::Image), Event::ImageParsed) => {
                self.end_attempt(sent, Some(&answer), None, now.now_ms);
                (State::Finished, Action::Done(Done { next: NextPage::End, images: 1, attempts: self.attempts }))
            }
            (State::AwaitingParse(sent, answer, _), Event::ParseFailed(why)) => {
                self.end_attempt(sent, Some(&answer), Some(ErrorKind::Parse), now.now_ms);
                let mut e = Error::parse(why);
                e.status = Some(answer.status);
                e.request_id = answer.request_id;
                self.fail(e)
            }
            (state, event) => self.fail(Error::invalid("event", concat(&[event.name(), " cannot follow ", state.name()]))),
        }
    }

    fn transport_failed(
        &mut self,
        sent: Sent,
        answer: Option<Answer>,
        failure: TransportFailure,
        message: String,
        now: Moment,
    ) -> (State, Action) {
        let kind = if failure == TransportFailure::Timeout { ErrorKind::Timeout } else { ErrorKind::Network };
        // The host the request went to: the runtime's own message rarely says it.
        let host = crate::url::Url::parse("url", &sent.url).map(|u| u.host).unwrap_or_default();
        self.end_attempt(sent, answer.as_ref(), Some(kind), now.now_ms);
        if failure == TransportFailure::Redirect {
            return self.fail(redirect_refused(None, None));
        }
        let mut e = transport_error(kind, concat(&["request to ", &host, " failed: ", &message]));
        if let Some(a) = answer {
            e.status = Some(a.status);
            e.request_id = a.request_id;
        }
        self.retry_or_fail(e, None, now)
    }

    fn begin_attempt(&mut self, now: Moment) -> (State, Action) {
        match &self.cfg.credentials {
            CredentialSource::Provider => (State::AwaitingCredentials, Action::AskCredentials { timeout_ms: self.timeout_ms }),
            CredentialSource::Static(c) => {
                let c = c.clone();
                self.send(Some(&c), None, now)
            }
            CredentialSource::None => self.send(None, None, now),
        }
    }

    fn send(&mut self, creds: Option<&Credentials>, provided_project: Option<&str>, now: Moment) -> (State, Action) {
        let Some(date) = self.sdk_date.clone().or_else(|| format_sdk_date(now.now_ms)) else {
            return self.fail(Error::invalid("date", "the clock is out of range"));
        };
        let cfg = Arc::clone(&self.cfg);
        let opts = RequestOptions {
            project_id: cfg.project_id.as_deref().or(provided_project),
            credentials: creds,
            headers: &cfg.headers,
            sdk_date: Some(&date),
        };
        let request = match request::build(&cfg.endpoint, &self.op, &opts) {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        self.secrets = Secrets(
            request
                .headers
                .iter()
                .filter(|(k, _)| headers::is_secret_header(k))
                .map(|(_, v)| v.clone())
                .chain(creds.into_iter().flat_map(|c| c.secrets()).map(str::to_owned))
                .collect(),
        );
        self.attempts = self.attempts.saturating_add(1);
        let sent = Sent { url: request.url.clone(), at_ms: now.now_ms };
        (State::AwaitingResponse(sent), Action::Send { request, timeout_ms: self.timeout_ms })
    }

    fn retry_or_fail(&mut self, e: Error, retry_after: Option<u64>, now: Moment) -> (State, Action) {
        match next_delay_ms(&e, self.attempts, self.cfg.max_retries, retry_after, now.random) {
            Some(ms) => {
                if let Some(r) = self.record.as_mut() {
                    r.retry_in_ms = Some(ms);
                }
                (State::Sleeping, Action::Sleep { ms })
            }
            None => self.fail(e),
        }
    }
}

/// Every page of a list operation, one call after another (see the module docs).
#[derive(Debug, Clone)]
pub struct Pager {
    cfg: Arc<ClientConfig>,
    cursor: PageCursor,
    opts: CallOptions,
    call: Option<Call>,
    record: Option<AttemptRecord>,
}

impl Pager {
    /// The pages of `op` (a list operation), starting where `page_opts` says.
    pub fn new(cfg: Arc<ClientConfig>, op: Operation, opts: CallOptions, page_opts: PageOptions) -> Result<Pager, Error> {
        Ok(Pager { cursor: PageCursor::new(op, page_opts)?, cfg, opts, call: None, record: None })
    }

    /// As [`Call::step`]; `NextPage` begins the next page, and is answered `End` when there are
    /// no more. A page's `Done` carries its `nextMarker`; a marker seen before fails with kind
    /// `pagination`, and so does every later `NextPage`.
    pub fn step(&mut self, event: Event, now: Moment) -> Action {
        let action = match (self.call.as_mut(), event) {
            (None, Event::NextPage) => match self.cursor.next_operation() {
                None => return Action::End,
                Some(op) => self.call.insert(Call::new(Arc::clone(&self.cfg), op, self.opts)).step(Event::Start, now),
            },
            (None, Event::Aborted { reason }) => Action::Fail(aborted(reason.as_deref())),
            (None, event) => Action::Fail(Error::invalid("event", concat(&[event.name(), " before the next page"]))),
            (Some(call), event) => {
                let action = call.step(event, now);
                self.record = call.poll_attempt();
                action
            }
        };
        match action {
            Action::Done(done) => {
                self.call = None;
                match self.cursor.advance(done.images, done.next.clone()) {
                    Ok(()) => Action::Done(done),
                    Err(e) => {
                        self.cursor.finish();
                        Action::Fail(e.with_attempts(done.attempts))
                    }
                }
            }
            Action::Fail(e) => {
                self.call = None;
                self.cursor.finish();
                Action::Fail(e)
            }
            other => other,
        }
    }

    /// As [`Call::poll_attempt`]; a page's attempts are numbered from 1.
    pub fn poll_attempt(&mut self) -> Option<AttemptRecord> {
        self.record.take()
    }

    /// Ends the iteration (the caller stopped): the next `NextPage` is answered `End`, and the
    /// markers it remembered are let go.
    pub fn finish(&mut self) {
        self.call = None;
        self.cursor.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Input;
    use crate::interop;

    const NOW: Moment = Moment { now_ms: 1_540_720_800_000, random: 1 << 31 };

    fn config(json: &str) -> Arc<ClientConfig> {
        Arc::new(interop::client_config(&Input::from_json_text(json).unwrap(), None).unwrap().0)
    }

    fn list(cfg: &Arc<ClientConfig>, query: &str) -> Call {
        let op = interop::operation(&Input::Str("listImages".into()), &Input::from_json_text(query).unwrap()).unwrap();
        Call::new(Arc::clone(cfg), op, CallOptions { timeout_ms: 1000 })
    }

    fn sent(a: &Action) -> &HttpRequest {
        match a {
            Action::Send { request, .. } => request,
            other => panic!("expected Send, got {other:?}"),
        }
    }

    fn status(status: u16, headers: &[(&str, &str)]) -> Event {
        Event::Response { status, headers: headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect() }
    }

    fn at(ms: i64) -> Moment {
        Moment { now_ms: NOW.now_ms + ms, ..NOW }
    }

    const ABORTED: Event = Event::Aborted { reason: None };

    #[test]
    fn retries_503_then_succeeds_with_the_next_marker() {
        let cfg = config(r#"{"endpoint":"https://ims.example.com","credentials":{"token":"tok-1"}}"#);
        let mut call = list(&cfg, r#"{"limit":2}"#);
        let first = call.step(Event::Start, NOW);
        assert_eq!(sent(&first).url, "https://ims.example.com/v2/cloudimages?limit=2");
        assert!(sent(&first).headers.contains(&("X-Auth-Token".into(), "tok-1".into())));
        assert_eq!(call.step(status(503, &[("X-Request-Id", "r1")]), at(5)), Action::ReadErrorBody { max_bytes: MAX_ERROR_BODY_BYTES });
        assert_eq!(call.poll_attempt(), None, "the attempt ends when its body is read");
        assert_eq!(
            call.step(Event::ErrorBody(br#"{"error_code":"IMG.0503","error_msg":"busy"}"#.to_vec()), at(7)),
            Action::Sleep { ms: 100 }
        );
        let record = call.poll_attempt().unwrap();
        assert_eq!(
            record,
            AttemptRecord {
                operation: "listImages",
                attempt: 1,
                method: "GET",
                url: "https://ims.example.com/v2/cloudimages?limit=2".into(),
                status: Some(503),
                request_id: Some("r1".into()),
                error_kind: Some(ErrorKind::Http),
                duration_ms: 7,
                retry_in_ms: Some(100)
            }
        );
        assert!(matches!(call.step(Event::Slept, at(200)), Action::Send { .. }));
        assert_eq!(call.step(status(200, &[]), at(210)), Action::Parse(Expect::Page));
        let facts = PageFacts { count: 2, last_id: Some("img-2".into()), ..Default::default() };
        assert_eq!(
            call.step(Event::PageParsed(facts), at(215)),
            Action::Done(Done { next: NextPage::At("img-2".into()), images: 2, attempts: 2 })
        );
        let ok = call.poll_attempt().unwrap();
        assert_eq!((ok.attempt, ok.status, ok.error_kind, ok.duration_ms, ok.retry_in_ms), (2, Some(200), None, 15, None));
        assert!(matches!(call.step(Event::Start, NOW), Action::Fail(e) if e.key.as_deref() == Some("call")));
    }

    #[test]
    fn gives_up_with_the_last_error_scrubbed_of_secrets() {
        let cfg = config(r#"{"endpoint":"https://h","maxRetries":1,"credentials":{"token":"secret-token-1"}}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        call.step(status(500, &[]), NOW);
        assert!(matches!(call.step(Event::ErrorBody(b"{}".to_vec()), NOW), Action::Sleep { .. }));
        call.step(Event::Slept, NOW);
        call.step(status(500, &[("x-openstack-request-id", "os-9")]), NOW);
        let Action::Fail(e) = call.step(Event::ErrorBody(br#"{"code":"X","message":"bad secret-token-1"}"#.to_vec()), NOW) else {
            panic!()
        };
        assert_eq!((e.kind, e.status, e.attempts, e.retryable), (ErrorKind::Http, Some(500), 2, true));
        assert_eq!(e.request_id.as_deref(), Some("os-9"));
        assert!(!e.message.contains("secret-token-1"), "{}", e.message);
    }

    #[test]
    fn retry_after_and_what_is_never_retried() {
        let cfg = config(r#"{"endpoint":"https://h"}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        call.step(status(429, &[("Retry-After", "2")]), NOW);
        assert_eq!(call.step(Event::ErrorBody(Vec::new()), NOW), Action::Sleep { ms: 2000 });
        call.step(Event::Slept, NOW);
        call.step(status(404, &[]), NOW);
        let Action::Fail(e) = call.step(Event::ErrorBody(Vec::new()), NOW) else { panic!() };
        assert_eq!((e.status, e.attempts, e.retryable), (Some(404), 2, false));

        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        let timeout = Event::TransportFailed { failure: TransportFailure::Timeout, message: "slow".into() };
        assert!(matches!(call.step(timeout, NOW), Action::Sleep { .. }));
        assert_eq!(call.poll_attempt().map(|r| r.error_kind), Some(Some(ErrorKind::Timeout)));
        let mut refused = list(&cfg, "{}");
        refused.step(Event::Start, NOW);
        let e = Event::TransportFailed { failure: TransportFailure::Network, message: "fetch failed (ECONNREFUSED)".into() };
        let mut last = refused.step(e.clone(), NOW);
        while matches!(last, Action::Sleep { .. }) {
            refused.step(Event::Slept, NOW);
            last = refused.step(e.clone(), NOW);
        }
        let Action::Fail(e) = last else { panic!() };
        assert_eq!(e.message, "request to h failed: fetch failed (ECONNREFUSED)", "the host and the cause, never a credential");
        let Action::Fail(e) = call.step(ABORTED, NOW) else { panic!() };
        assert_eq!((e.kind, e.attempts), (ErrorKind::Aborted, 1));
        assert_eq!(call.poll_attempt(), None, "an abort while sleeping ends no attempt");
    }

    #[test]
    fn redirects_are_refused_whoever_reports_them() {
        let cfg = config(r#"{"endpoint":"https://h","credentials":{"token":"tok-1"}}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        let Action::Fail(e) = call.step(status(302, &[("Location", "https://elsewhere.example/x")]), NOW) else { panic!() };
        assert_eq!((e.kind, e.status, e.retryable, e.attempts), (ErrorKind::Network, Some(302), false, 1));
        assert!(e.message.contains("redirect") && e.message.contains("elsewhere.example"), "{}", e.message);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        let Action::Fail(e) = call.step(Event::TransportFailed { failure: TransportFailure::Redirect, message: String::new() }, NOW) else {
            panic!()
        };
        assert_eq!((e.kind, e.retryable), (ErrorKind::Network, false));
    }

    #[test]
    fn a_provider_is_asked_before_each_attempt_within_the_timeout() {
        let cfg = config(r#"{"endpoint":"https://h","credentials":{"\u0000":["other","function"]}}"#);
        let mut call = list(&cfg, "{}");
        assert_eq!(call.step(Event::Start, NOW), Action::AskCredentials { timeout_ms: 1000 });
        let provided =
            |c: Credentials, p: Option<&str>| Event::Credentials(Ok(Provided { credentials: c, project_id: p.map(str::to_owned) }));
        let first = call.step(provided(Credentials::Token("t1".into()), Some("proj-9")), NOW);
        assert!(sent(&first).headers.contains(&("X-Auth-Token".into(), "t1".into())));
        assert!(sent(&first).headers.contains(&("X-Project-Id".into(), "proj-9".into())), "a provider's project id is sent");
        call.step(status(503, &[]), NOW);
        call.step(Event::ErrorBody(Vec::new()), NOW);
        assert_eq!(call.step(Event::Slept, NOW), Action::AskCredentials { timeout_ms: 1000 });
        let Action::Fail(e) =
            call.step(Event::Credentials(Err(CredentialsFailure::Invalid(Error::invalid("credentials.token", "x")))), NOW)
        else {
            panic!()
        };
        assert_eq!(e.key.as_deref(), Some("credentials.token"));

        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        let Action::Fail(e) = call.step(Event::Credentials(Err(CredentialsFailure::Threw("TypeError".into()))), NOW) else { panic!() };
        assert_eq!((e.kind, e.retryable, e.attempts), (ErrorKind::Network, false, 0));
        assert_eq!(e.message, "the credentials provider failed (TypeError)");
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        let Action::Fail(e) = call.step(Event::Credentials(Err(CredentialsFailure::TimedOut)), NOW) else { panic!() };
        assert_eq!((e.kind, e.attempts), (ErrorKind::Timeout, 0));
        let with_project = config(r#"{"endpoint":"https://h","projectId":"mine","credentials":{"\u0000":["other","function"]}}"#);
        let mut call = list(&with_project, "{}");
        call.step(Event::Start, NOW);
        let own = call.step(provided(Credentials::Token("t1".into()), Some("theirs")), NOW);
        assert!(sent(&own).headers.contains(&("X-Project-Id".into(), "mine".into())), "the client's own project id wins");
    }

    #[test]
    fn a_pager_walks_markers_and_stops_on_a_repeat() {
        let cfg = config(r#"{"endpoint":"https://h"}"#);
        let op = interop::operation(&Input::Str("listImages".into()), &Input::from_json_text(r#"{"tag":["a","b"]}"#).unwrap()).unwrap();
        let mut p = Pager::new(cfg, op, CallOptions { timeout_ms: 5 }, PageOptions { marker: None, page_size: Some(2) }).unwrap();
        let mut page = |marker: Option<&str>, next: &str| {
            let a = p.step(Event::NextPage, NOW);
            let url = sent(&a).url.clone();
            assert!(url.contains("limit=2") && url.contains("tag=a&tag=b"), "{url}");
            assert_eq!(url.contains("marker="), marker.is_some());
            p.step(status(200, &[]), NOW);
            let done = p.step(Event::PageParsed(PageFacts { count: 2, last_id: Some(next.into()), ..Default::default() }), NOW);
            assert_eq!(p.poll_attempt().map(|r| r.attempt), Some(1), "each page's attempts are numbered from 1");
            done
        };
        assert!(matches!(page(None, "m1"), Action::Done(_)));
        assert!(matches!(page(Some("m1"), "m2"), Action::Done(_)));
        assert!(matches!(page(Some("m2"), "m1"), Action::Fail(e) if e.kind == ErrorKind::Pagination));
        assert_eq!(p.step(Event::NextPage, NOW), Action::End);
    }

    #[test]
    fn a_list_answered_as_an_image_is_an_error_not_the_end() {
        let cfg = config(r#"{"endpoint":"https://h"}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        call.step(status(200, &[]), NOW);
        let Action::Fail(e) = call.step(Event::ImageParsed, NOW) else { panic!() };
        assert_eq!(e.key.as_deref(), Some("event"));
        let mut pager = Pager::new(
            cfg,
            Operation::from(crate::query::ListImagesQuery::default()),
            CallOptions { timeout_ms: 5 },
            PageOptions::default(),
        )
        .unwrap();
        pager.step(Event::NextPage, NOW);
        pager.step(status(200, &[]), NOW);
        let full = PageFacts { count: 500, last_id: None, ..Default::default() };
        assert!(matches!(pager.step(Event::PageParsed(full), NOW), Action::Fail(e) if e.kind == ErrorKind::Pagination));
    }

    #[test]
    fn a_cut_good_body_is_retried() {
        let cfg = config(r#"{"endpoint":"https://h"}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        assert_eq!(call.step(status(200, &[("X-Request-Id", "r")]), NOW), Action::Parse(Expect::Page));
        let cut = Event::TransportFailed { failure: TransportFailure::Network, message: "terminated".into() };
        assert!(matches!(call.step(cut, NOW), Action::Sleep { .. }));
        let r = call.poll_attempt().unwrap();
        assert_eq!((r.status, r.error_kind, r.request_id.as_deref()), (Some(200), Some(ErrorKind::Network), Some("r")));
    }

    #[test]
    fn an_abort_names_a_timeout_reason() {
        let cfg = config(r#"{"endpoint":"https://h"}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, NOW);
        let Action::Fail(e) = call.step(Event::Aborted { reason: Some("TimeoutError".into()) }, at(9)) else { panic!() };
        assert_eq!(e.kind, ErrorKind::Aborted);
        assert!(e.message.contains("TimeoutError"), "{}", e.message);
        let r = call.poll_attempt().unwrap();
        assert_eq!((r.error_kind, r.duration_ms, r.status), (Some(ErrorKind::Aborted), 9, None));
    }
}
