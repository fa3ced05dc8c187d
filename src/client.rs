//! The async client: one driver of the sans-IO loop ([`crate::call`]) that awaits its I/O through
//! a [`Transport`]. No executor and no HTTP crate here, so the core stays free of both: the
//! `ims-client-web` crate is the transport for wasm32 (`fetch`, timers), and
//! `examples/list_images.rs` drives it natively over a blocking HTTP client.
//!
//! The driver makes no decision. It carries out each action (send, read a body, parse, sleep) and
//! reports what happened; every rule (signing, redirects, retries, `Retry-After`, paging, the
//! markers' bounds, how much of an error body to read) is the loop's. Dropping a call's future
//! drops the transport's future with it, which is how a call is cancelled: nothing more is sent.
//!
//! ```
//! # use std::future::Future;
//! use ims_client::client::{Client, Failure, Response, Transport};
//! use ims_client::request::HttpRequest;
//! use ims_client::{ClientOptions, ListImagesQuery};
//!
//! /// A transport that answers every request with one empty page.
//! struct Canned;
//! struct Page;
//! impl Response for Page {
//!     fn status(&self) -> u16 { 200 }
//!     fn headers(&self) -> Vec<(String, String)> { Vec::new() }
//!     async fn body(self, _max_bytes: Option<usize>) -> Result<Vec<u8>, Failure> { Ok(br#"{"images":[]}"#.to_vec()) }
//! }
//! impl Transport for Canned {
//!     type Response = Page;
//!     async fn send(&self, _req: &HttpRequest, _timeout_ms: u32) -> Result<Page, Failure> { Ok(Page) }
//!     async fn sleep(&self, _ms: u64) {}
//!     fn now_ms(&self) -> i64 { 1_540_720_800_000 }
//!     fn random(&self) -> u32 { 0 }
//! }
//!
//! # fn block_on<F: Future>(f: F) -> F::Output {
//! #     let waker = std::task::Waker::noop();
//! #     let mut cx = std::task::Context::from_waker(&waker);
//! #     let mut f = std::pin::pin!(f);
//! #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
//! # }
//! let client = Client::new(&ClientOptions::endpoint("https://ims.example.com"), Canned).unwrap();
//! let page = block_on(client.list_images(&ListImagesQuery::default())).unwrap();
//! assert!(page.images.is_empty() && page.next_marker.is_none());
//! ```

use std::future::Future;
use std::sync::Arc;

use crate::call::{Action, Call, CallOptions, CredentialsFailure, Event, Expect, Moment, Pager, TransportFailure};
use crate::config::{ClientConfig, ClientOptions};
use crate::error::Error;
use crate::image::Image;
use crate::paging::PageOptions;
use crate::parse::{parse_image, parse_page_with_facts, ImagePage};
use crate::query::{GlanceListImagesQuery, ListImagesQuery, Query};
use crate::request::{check_image_id, HttpRequest, Operation};

/// Why a transport could not give a complete response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Network, timeout, or a redirect the runtime would not show.
    pub kind: TransportFailure,
    /// What went wrong (never a credential).
    pub message: String,
}

/// A response whose status and headers arrived; its body is still unread. Dropping it cancels
/// the body.
pub trait Response {
    /// The HTTP status.
    fn status(&self) -> u16;
    /// Every header.
    fn headers(&self) -> Vec<(String, String)>;
    /// The body: all of it, or (`Some(max)`) at most `max` bytes, the rest cancelled. Reading
    /// is still under the attempt's timeout.
    fn body(self, max_bytes: Option<usize>) -> impl Future<Output = Result<Vec<u8>, Failure>>;
}

/// What the async client needs of the world.
pub trait Transport {
    /// A response in flight.
    type Response: Response;
    /// Sends `request` exactly as given and gives its status and headers. Never follows a
    /// redirect (`request.redirect`): a 3xx is a response like any other. Gives up with
    /// [`TransportFailure::Timeout`] when `timeout_ms` pass before the body has been read.
    /// Dropping the future aborts the request.
    fn send(&self, request: &HttpRequest, timeout_ms: u32) -> impl Future<Output = Result<Self::Response, Failure>>;
    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;
    /// A uniformly drawn 32-bit number.
    fn random(&self) -> u32;
}

/// An async client of the three operations over a [`Transport`].
#[derive(Debug)]
pub struct Client<T> {
    cfg: Arc<ClientConfig>,
    transport: T,
}

/// What a good body became.
enum Body {
    Page(ImagePage),
    Image(Box<Image>),
}

/// Either machine: a single call or a pager.
trait Machine {
    fn step(&mut self, event: Event, now: Moment) -> Action;
}

impl Machine for Call {
    fn step(&mut self, event: Event, now: Moment) -> Action {
        Call::step(self, event, now)
    }
}

impl Machine for Pager {
    fn step(&mut self, event: Event, now: Moment) -> Action {
        Pager::step(self, event, now)
    }
}

impl<T: Transport> Client<T> {
    /// A client with these options (checked here: every rule of the JS client's options) over
    /// `transport`.
    pub fn new(options: &ClientOptions, transport: T) -> Result<Client<T>, Error> {
        Ok(Client { cfg: Arc::new(ClientConfig::new(options)?), transport })
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    fn now(&self) -> Moment {
        Moment { now_ms: self.transport.now_ms(), random: self.transport.random() }
    }

    fn call_options(&self) -> CallOptions {
        CallOptions { timeout_ms: self.cfg.timeout_ms }
    }

    /// Carries out the machine's actions from `first` until it is done, fails or ends.
    async fn drive(&self, machine: &mut impl Machine, first: Event) -> Result<Option<Body>, Error> {
        let mut action = machine.step(first, self.now());
        let mut response: Option<T::Response> = None;
        let mut body: Option<Body> = None;
        loop {
            let event = match action {
                Action::Send { request, timeout_ms } => match self.transport.send(&request, timeout_ms).await {
                    Ok(r) => {
                        let event = Event::Response { status: r.status(), headers: r.headers() };
                        response = Some(r);
                        event
                    }
                    Err(f) => Event::TransportFailed { failure: f.kind, message: f.message },
                },
                Action::Parse(expect) => match read(response.take(), None).await {
                    Ok(bytes) => match parse(&bytes, expect) {
                        Ok((b, event)) => {
                            body = Some(b);
                            event
                        }
                        Err(e) => Event::ParseFailed(e.message),
                    },
                    Err(f) => Event::TransportFailed { failure: f.kind, message: f.message },
                },
                Action::ReadErrorBody { max_bytes } => match read(response.take(), Some(max_bytes)).await {
                    Ok(bytes) => Event::ErrorBody(bytes),
                    Err(f) => Event::TransportFailed { failure: f.kind, message: f.message },
                },
                Action::Sleep { ms } => {
                    self.transport.sleep(ms).await;
                    Event::Slept
                }
                // This client takes static credentials only: a provider is the JS driver's.
                Action::AskCredentials { .. } => {
                    Event::Credentials(Err(CredentialsFailure::Invalid(Error::invalid("credentials", "no credentials provider"))))
                }
                Action::Done(done) => {
                    return Ok(body.map(|b| match b {
                        Body::Page(mut p) => {
                            p.next_marker = done.next_marker().map(str::to_owned);
                            Body::Page(p)
                        }
                        other => other,
                    }))
                }
                Action::Fail(e) => return Err(e),
                Action::End => return Ok(None),
            };
            action = machine.step(event, self.now());
        }
    }

    async fn one(&self, op: Operation) -> Result<Body, Error> {
        let mut call = Call::new(Arc::clone(&self.cfg), op, self.call_options());
        self.drive(&mut call, Event::Start).await?.ok_or_else(|| Error::parse("the call ended without a body"))
    }

    async fn page(&self, op: Operation) -> Result<ImagePage, Error> {
        match self.one(op).await? {
            Body::Page(p) => Ok(p),
            Body::Image(_) => Err(Error::parse("an image where a page was expected")),
        }
    }

    /// One page of `GET /v2/cloudimages`.
    pub async fn list_images(&self, query: &ListImagesQuery) -> Result<ImagePage, Error> {
        query.validate()?;
        self.page(Operation::from(query.clone())).await
    }

    /// One page of `GET /v2/images`.
    pub async fn glance_list_images(&self, query: &GlanceListImagesQuery) -> Result<ImagePage, Error> {
        query.validate()?;
        self.page(Operation::from(query.clone())).await
    }

    /// One image, `GET /v2/images/{image_id}`.
    pub async fn glance_show_image(&self, image_id: &str) -> Result<Image, Error> {
        check_image_id(image_id)?;
        match self.one(Operation::GlanceShowImage(image_id.to_owned())).await? {
            Body::Image(i) => Ok(*i),
            Body::Page(_) => Err(Error::parse("a page where an image was expected")),
        }
    }

    /// Every page of `GET /v2/cloudimages`, one at a time.
    pub fn list_images_all(&self, query: &ListImagesQuery) -> Pages<'_, T> {
        Pages::new(self, query.validate().map(|()| Operation::from(query.clone())))
    }

    /// Every page of `GET /v2/images`, one at a time.
    pub fn glance_list_images_all(&self, query: &GlanceListImagesQuery) -> Pages<'_, T> {
        Pages::new(self, query.validate().map(|()| Operation::from(query.clone())))
    }
}

async fn read<R: Response>(response: Option<R>, max_bytes: Option<usize>) -> Result<Vec<u8>, Failure> {
    match response {
        Some(r) => r.body(max_bytes).await,
        None => Ok(Vec::new()),
    }
}

fn parse(bytes: &[u8], expect: Expect) -> Result<(Body, Event), Error> {
    match expect {
        Expect::Page => parse_page_with_facts(bytes).map(|(page, facts)| (Body::Page(page), Event::PageParsed(facts))),
        Expect::Image => parse_image(bytes).map(|image| (Body::Image(Box::new(image)), Event::ImageParsed)),
    }
}

/// Every page of a listing: the query re-sent with only `marker` changed, one page in memory at
/// a time (see [`crate::paging`] for the rules).
#[derive(Debug)]
pub struct Pages<'c, T> {
    client: &'c Client<T>,
    start: Result<Operation, Error>,
    options: PageOptions,
    pager: Option<Pager>,
}

impl<'c, T: Transport> Pages<'c, T> {
    fn new(client: &'c Client<T>, start: Result<Operation, Error>) -> Pages<'c, T> {
        Pages { client, start, options: PageOptions::default(), pager: None }
    }

    /// Images per request (the query's `limit` otherwise). Set before the first page.
    pub fn page_size(mut self, n: u64) -> Self {
        self.options.page_size = Some(n);
        self
    }

    /// Start after this marker (a page's `next_marker`, to resume). Set before the first page.
    pub fn marker(mut self, marker: impl Into<String>) -> Self {
        self.options.marker = Some(marker.into());
        self
    }

    /// The next page; `Ok(None)` after the last one. After an error, every later call returns
    /// `Ok(None)`.
    pub async fn next_page(&mut self) -> Result<Option<ImagePage>, Error> {
        if self.pager.is_none() {
            let op = std::mem::replace(&mut self.start, Err(Error::invalid("pages", "already started")))?;
            self.pager = Some(Pager::new(Arc::clone(&self.client.cfg), op, self.client.call_options(), self.options.clone())?);
        }
        let Some(pager) = self.pager.as_mut() else { return Ok(None) };
        match self.client.drive(pager, Event::NextPage).await? {
            Some(Body::Page(p)) => Ok(Some(p)),
            Some(Body::Image(_)) => Err(Error::parse("an image where a page was expected")),
            None => Ok(None),
        }
    }
}
