//! Lists images natively, through the same client loop the npm package runs: the core's
//! [`Pager`] decides every request, retry, sleep and page; this program only carries its steps
//! out with a small blocking HTTP client (minreq, plain http: the emulator on loopback).
//!
//! ```text
//! node emulator/cli.mjs --port 8081 &
//! cargo run --example list_images -- http://127.0.0.1:8081 imagetype=gold osType=Linux
//! ```
//! Arguments after the endpoint are query parameters by their JS names (`limit=50`, `tag=a`); a
//! repeated name repeats the parameter. Prints one line per image, then a summary line.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ims_client::call::{Action, CallOptions, Env, Event, Expect, Pager};
use ims_client::config::ClientConfig;
use ims_client::paging::PageOptions;
use ims_client::parse::parse_page_with_facts;
use ims_client::request::Operation;
use ims_client::{ErrorKind, Input};

/// The clock and a random draw, as the loop wants them with every step.
fn env(seed: &mut u64) -> Env {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Env { now_ms: now, random: u32::try_from(*seed >> 32).unwrap_or(0) }
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
    let options = Input::Object(vec![("endpoint".into(), Input::Str(endpoint.clone())), ("maxRetries".into(), Input::Int(8))]);
    let cfg = Arc::new(ClientConfig::from_input(&options)?);
    let op = Operation::from_input("listImages", &query(args.get(1..).unwrap_or_default()))?;
    let mut pager = Pager::new(cfg, op, CallOptions { timeout_ms: 10_000 }, PageOptions::default())?;

    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let (mut images, mut pages, mut requests) = (0usize, 0usize, 0usize);
    let mut body = Vec::new();
    let mut action = pager.step(Event::Start, env(&mut seed));
    loop {
        action = match action {
            Action::End => break,
            Action::Send { request, timeout_ms } => {
                requests += 1;
                let mut req = minreq::get(&request.url).with_timeout(u64::from(timeout_ms.div_ceil(1000)));
                for (k, v) in &request.headers {
                    req = req.with_header(k, v);
                }
                match req.send() {
                    Ok(resp) => {
                        body = resp.as_bytes().to_vec();
                        let status = u16::try_from(resp.status_code).unwrap_or(0);
                        let headers = resp.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                        pager.step(Event::Response { status, headers }, env(&mut seed))
                    }
                    // minreq fails a body cut short too: a transport failure, as fetch reports it.
                    Err(e) => pager.step(Event::TransportFailed { kind: ErrorKind::Network, message: e.to_string() }, env(&mut seed)),
                }
            }
            Action::ReadErrorBody => pager.step(Event::ErrorBody(std::mem::take(&mut body)), env(&mut seed)),
            Action::Parse(Expect::Page) => match parse_page_with_facts(&body) {
                Ok((page, facts)) => {
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
                    pager.step(Event::Parsed(Some(facts)), env(&mut seed))
                }
                Err(e) => pager.step(Event::ParseFailed(e.message), env(&mut seed)),
            },
            Action::Parse(Expect::Image) => pager.step(Event::ParseFailed("an image where a page was expected".into()), env(&mut seed)),
            Action::Sleep { ms } => {
                std::thread::sleep(Duration::from_millis(ms));
                pager.step(Event::Slept, env(&mut seed))
            }
            // A page is done: start the next one (the pager answers End when there are no more).
            Action::Done(_) => pager.step(Event::Start, env(&mut seed)),
            Action::AskCredentials => pager.step(Event::Credentials(Err("no provider".into())), env(&mut seed)),
            Action::Fail(e) => return Err(Box::new(e)),
        };
    }
    println!("{images} images, {pages} pages, {requests} requests");
    Ok(())
}
