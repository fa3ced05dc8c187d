// Shared by tests/node.rs (`wasm-pack test --node`) and tests/browser.rs (`--headless --chrome`):
// the client as a Rust web app uses it, against the IMS emulator and a scenario server that
// scripts/web-test.mjs starts. Their URLs, and what the catalogue says a filter should return,
// reach the tests at build time (option_env!), as a user's own tests would get them.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use ims_client::client::Transport;
use ims_client::{ClientOptions, Credentials, ErrorKind, GlanceListImagesQuery, ImageType, ListImagesQuery, OsType};
use ims_client_web::{Client, ToJs, WebTransport};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn env(name: &str, value: Option<&'static str>) -> &'static str {
    value.unwrap_or_else(|| panic!("{name} is not set: run these tests through scripts/web-test.mjs, which starts the servers"))
}
fn emulator() -> &'static str {
    env("IMS_EMU", option_env!("IMS_EMU"))
}
fn signing_emulator() -> &'static str {
    env("IMS_EMU_AKSK", option_env!("IMS_EMU_AKSK"))
}
fn scenarios() -> &'static str {
    env("IMS_SCENARIO", option_env!("IMS_SCENARIO"))
}

/// A fresh run id for the scenario server's log.
fn run_id() -> String {
    format!("r{}", (js_sys::Math::random() * 1e12) as u64)
}

/// What the scenario server saw for a run: (path, aborted) per request, and their times.
async fn log(id: &str) -> Vec<(String, bool, f64)> {
    let text = gloo_net::http::Request::get(&format!("{}/log/{id}", scenarios())).send().await.unwrap().text().await.unwrap();
    let entries = js_sys::JSON::parse(&text).unwrap();
    js_sys::Array::from(&entries)
        .iter()
        .map(|e| {
            let get = |k: &str| js_sys::Reflect::get(&e, &JsValue::from_str(k)).unwrap();
            (get("path").as_string().unwrap(), get("aborted").as_bool().unwrap(), get("at").as_f64().unwrap())
        })
        .collect()
}

async fn sleep(ms: u64) {
    WebTransport.sleep(ms).await;
}

/// Runs `f` until `ms` pass, then drops it (as a component that unmounts drops its call).
async fn drop_after<F: Future>(ms: u64, f: F) -> Option<F::Output> {
    let mut f = pin!(f);
    let mut timer = pin!(sleep(ms));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = f.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}

#[wasm_bindgen_test]
async fn each_operation_against_the_emulator() {
    let client = Client::new(ClientOptions::endpoint(emulator())).unwrap();
    let page = client.list_images(&ListImagesQuery { limit: Some(5), ..Default::default() }).await.unwrap();
    assert_eq!(page.images.len(), 5);
    assert!(page.next_marker.is_some(), "a full page has a next marker");
    assert!(page.images.iter().all(|i| matches!(i.os_bit, Some(32 | 64))), "typed: osBit is a number");
    let glance = client.glance_list_images(&GlanceListImagesQuery { limit: Some(3), ..Default::default() }).await.unwrap();
    assert_eq!(glance.images.len(), 3);
    assert_eq!(glance.schema.as_deref(), Some("/v2/schemas/images"));
    let id = glance.images[0].id.clone().unwrap();
    let shown = client.glance_show_image(&id).await.unwrap();
    assert_eq!(shown.id.as_deref(), Some(id.as_str()));
    assert_eq!(shown.name, glance.images[0].name);
    // And as the npm package's objects.
    let js = shown.to_js().unwrap();
    assert_eq!(js_sys::Reflect::get(&js, &"id".into()).unwrap().as_string().as_deref(), Some(id.as_str()));
    assert!(js_sys::Reflect::get(&js, &"extra".into()).unwrap().is_object());
}

#[wasm_bindgen_test]
async fn a_filtered_walk_equals_the_catalogue() {
    let expected: Vec<&str> = env("IMS_EXPECT", option_env!("IMS_EXPECT")).split(',').collect();
    assert!(expected.len() > 40, "a walk of several pages");
    let client = Client::new(ClientOptions::endpoint(emulator())).unwrap();
    let query = ListImagesQuery { imagetype: Some(ImageType::Gold), os_type: Some(OsType::Linux), ..Default::default() };
    let mut pages = client.list_images_all(&query).page_size(37);
    let (mut ids, mut count) = (Vec::new(), 0);
    while let Some(page) = pages.next_page().await.unwrap() {
        count += 1;
        ids.extend(page.images.into_iter().map(|i| i.id.unwrap()));
    }
    ids.sort();
    assert_eq!(ids, expected);
    assert!(count > 2, "{count} pages");
}

#[wasm_bindgen_test]
async fn aksk_signatures_are_accepted_by_the_emulator() {
    let creds = |sk: &str| Credentials::AkSk { access_key: "AKWEB".into(), secret_key: sk.into(), security_token: None };
    let good = Client::new(ClientOptions::endpoint(signing_emulator()).credentials(creds("sk-web-secret")).project_id("p1")).unwrap();
    let page = good.list_images(&ListImagesQuery { tag: Some(vec!["env=prod".into(), "gpu".into()]), limit: Some(4), ..Default::default() }).await;
    assert!(page.is_ok(), "{page:?}");
    let wrong = Client::new(ClientOptions::endpoint(signing_emulator()).credentials(creds("not-the-secret")).max_retries(0)).unwrap();
    let e = wrong.list_images(&ListImagesQuery::default()).await.unwrap_err();
    assert_eq!((e.kind, e.status, e.code.as_deref()), (ErrorKind::Http, Some(401), Some("APIGW.0301")));
    assert!(!e.message.contains("not-the-secret"));
}

#[wasm_bindgen_test]
async fn a_503_then_success_and_a_retry_after() {
    let id = run_id();
    let client = Client::new(ClientOptions::endpoint(format!("{}/s/503once/{id}", scenarios()))).unwrap();
    assert_eq!(client.list_images(&ListImagesQuery::default()).await.unwrap().images.len(), 3);
    assert_eq!(log(&id).await.len(), 2, "one retry");
    let id = run_id();
    let client = Client::new(ClientOptions::endpoint(format!("{}/s/retryafter/{id}", scenarios()))).unwrap();
    assert_eq!(client.list_images(&ListImagesQuery::default()).await.unwrap().images.len(), 3);
    let seen = log(&id).await;
    assert_eq!(seen.len(), 2);
    assert!(seen[1].2 - seen[0].2 >= 900.0, "Retry-After: 1 was waited for (a lower bound only)");
}

#[wasm_bindgen_test]
async fn a_timeout_a_404_and_a_redirect() {
    let id = run_id();
    let slow = Client::new(ClientOptions::endpoint(format!("{}/s/slow/{id}", scenarios())).timeout_ms(200).max_retries(0)).unwrap();
    let e = slow.list_images(&ListImagesQuery::default()).await.unwrap_err();
    assert_eq!((e.kind, e.attempts), (ErrorKind::Timeout, 1), "{e}");
    let id = run_id();
    let missing = Client::new(ClientOptions::endpoint(format!("{}/s/notfound/{id}", scenarios()))).unwrap();
    let e = missing.glance_show_image("gone").await.unwrap_err();
    assert_eq!((e.kind, e.status, e.code.as_deref(), e.retryable), (ErrorKind::Http, Some(404), Some("IMG.0404"), false));
    assert_eq!(e.request_id, Some(format!("sc-{id}-1")), "the request id of the answer");
    let id = run_id();
    let moved = Client::new(ClientOptions::endpoint(format!("{}/s/redirect/{id}", scenarios()))).unwrap();
    let e = moved.list_images(&ListImagesQuery::default()).await.unwrap_err();
    assert_eq!((e.kind, e.retryable), (ErrorKind::Network, false), "{e}");
    assert!(e.message.contains("redirect"), "{e}");
    assert_eq!(log(&id).await.len(), 1, "a redirect is neither followed nor retried");
}

#[wasm_bindgen_test]
async fn a_dropped_call_aborts_its_request_and_sends_nothing_more() {
    let id = run_id();
    let client = Client::new(ClientOptions::endpoint(format!("{}/s/slow/{id}", scenarios())).timeout_ms(10_000)).unwrap();
    let query = ListImagesQuery::default();
    assert!(drop_after(150, client.list_images(&query)).await.is_none(), "the call was still running");
    sleep(600).await;
    let seen = log(&id).await;
    assert_eq!(seen.len(), 1, "nothing more was sent: {seen:?}");
    assert!(seen[0].1, "the request in flight was aborted");
}

#[wasm_bindgen_test]
async fn an_invalid_option_or_query_is_refused_before_anything_is_sent() {
    let e = Client::new(ClientOptions::endpoint("http://ims.example.com").credentials(Credentials::Token("t".into()))).unwrap_err();
    assert_eq!((e.kind, e.key.as_deref()), (ErrorKind::InvalidArgument, Some("endpoint")));
    let e = Client::new(ClientOptions::endpoint(emulator()).max_retries(21)).unwrap_err();
    assert_eq!(e.key.as_deref(), Some("maxRetries"));
    let e = Client::new(ClientOptions::region("cn-north4")).unwrap_err();
    assert!(e.message.contains("cn-north-4"), "{e}");
    let id = run_id();
    let client = Client::new(ClientOptions::endpoint(format!("{}/s/503once/{id}", scenarios()))).unwrap();
    let e = client.list_images(&ListImagesQuery { limit: Some(0), ..Default::default() }).await.unwrap_err();
    assert_eq!((e.kind, e.key.as_deref()), (ErrorKind::InvalidArgument, Some("limit")));
    let e = client.glance_show_image("..").await.unwrap_err();
    assert_eq!(e.key.as_deref(), Some("imageId"));
    assert!(log(&id).await.is_empty(), "nothing was sent");
}
