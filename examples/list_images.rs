//! Lists images natively with the core's async client ([`ims_client::client::Client`]): the
//! core's loop decides every request, retry, sleep and page; this program only supplies a
//! [`Transport`] over a small blocking HTTP client (minreq, plain http: the emulator on
//! loopback) and a ten-line executor. A server would plug in an async HTTP client the same way.
//!
//! ```text
//! node emulator/cli.mjs --port 8081 &
//! cargo run --example list_images -- http://127.0.0.1:8081 imagetype=gold osType=Linux
//! ```
//! Arguments after the endpoint are query parameters by their JS names (`limit=50`, `tag=a`); a
//! repeated name repeats the parameter. Prints one line per image, then a summary line.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ims_client::call::TransportFailure;
use ims_client::client::{Client, Failure, Response, Transport};
use ims_client::request::{HttpRequest, Redirect};
use ims_client::{interop, ClientOptions, Input, ListImagesQuery};

/// minreq, blocking: each future is ready when polled.
struct Minreq {
    seed: Cell<u64>,
    requests: Cell<usize>,
}

/// A response minreq has read whole.
struct Whole(minreq::Response);

impl Response for Whole {
    fn status(&self) -> u16 {
        u16::try_from(self.0.status_code).unwrap_or(0)
    }
    fn headers(&self) -> Vec<(String, String)> {
        self.0.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
    async fn body(self, max_bytes: Option<usize>) -> Result<Vec<u8>, Failure> {
        let mut bytes = self.0.into_bytes();
        bytes.truncate(max_bytes.unwrap_or(usize::MAX));
        Ok(bytes)
    }
}

impl Transport for Minreq {
    type Response = Whole;
    async fn send(&self, request: &HttpRequest, timeout_ms: u32) -> Result<Whole, Failure> {
        self.requests.set(self.requests.get() + 1);
        let mut req = minreq::get(&request.url)
            .with_timeout(u64::from(timeout_ms.div_ceil(1000)))
            // The loop's rule: never follow (a 3xx comes back as a response, and the loop refuses it).
            .with_follow_redirects(request.redirect != Redirect::Manual);
        for (k, v) in &request.headers {
            req = req.with_header(k, v);
        }
        // minreq also fails a body cut short: a transport failure, as fetch reports it.
        req.send().map(Whole).map_err(|e| Failure { kind: TransportFailure::Network, message: e.to_string() })
    }
    async fn sleep(&self, ms: u64) {
        std::thread::sleep(Duration::from_millis(ms));
    }
    fn now_ms(&self) -> i64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }
    fn random(&self) -> u32 {
        let mut s = self.seed.get();
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        self.seed.set(s);
        u32::try_from(s >> 32).unwrap_or(0)
    }
}

/// Runs a future whose I/O blocks (it is ready whenever polled).
fn block_on<F: Future>(f: F) -> F::Output {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// `name=value` arguments as a query object; numbers and booleans as such.
fn query(args: &[String]) -> Input {
    let mut members: BTreeMap<String, Vec<Input>> = BTreeMap::new();
    for a in args {
        let (k, v) = a.split_once('=').unwrap_or((a, ""));
        let value = match v {
            "true" => Input::Bool(true),
            "false" => Input::Bool(false),
            _ => v.parse::<i64>().map_or_else(|_| Input::Str(v.to_owned()), Input::Int),
        };
        members.entry(k.to_owned()).or_default().push(value);
    }
    Input::Object(members.into_iter().map(|(k, mut vs)| (k, if vs.len() == 1 { vs.remove(0) } else { Input::Array(vs) })).collect())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(endpoint) = args.first() else {
        eprintln!("usage: list_images ENDPOINT [name=value ...]");
        std::process::exit(2);
    };
    let query: ListImagesQuery = interop::query(&query(args.get(1..).unwrap_or_default()))?;
    let client = Client::new(
        &ClientOptions::endpoint(endpoint).max_retries(8).timeout_ms(10_000),
        Minreq { seed: Cell::new(0x9e37_79b9_7f4a_7c15), requests: Cell::new(0) },
    )?;
    let (mut images, mut pages) = (0usize, 0usize);
    let mut walk = client.list_images_all(&query);
    block_on(async {
        while let Some(page) = walk.next_page().await? {
            for image in &page.images {
                println!(
                    "{}\t{}\t{}",
                    image.id.as_deref().unwrap_or("?"),
                    image.os_bit.map_or(String::new(), |b| b.to_string()),
                    image.name.as_deref().unwrap_or("")
                );
            }
            images += page.images.len();
            pages += 1;
        }
        Ok::<(), ims_client::Error>(())
    })?;
    println!("{images} images, {pages} pages, {} requests", client.transport().requests.get());
    Ok(())
}
