//! `make bench` only: every page of a listing with `ims-client-web`, as a Rust web app walks one
//! (the images stay Rust values), and the same walk handing each page to JS (`to_js`).

use ims_client::{ClientOptions, ListImagesQuery};
use ims_client_web::{Client, ToJs};
use wasm_bindgen::prelude::*;

fn js(e: ims_client::Error) -> JsValue {
    JsValue::from_str(&e.message)
}

/// The page as the npm package's object through serde-wasm-bindgen: the typed fields crossing one
/// by one, each `extra` value parsed by `JSON.parse` (the alternative to `to_js`'s one
/// `JSON.parse` of the page, measured beside it).
fn by_fields(page: &ims_client::ImagePage) -> Result<JsValue, JsValue> {
    use serde::Serialize;
    let images = js_sys::Array::new();
    for image in &page.images {
        let obj = image.js_fields().serialize(&serde_wasm_bindgen::Serializer::json_compatible())?;
        let extra = js_sys::Object::new();
        for (k, raw) in &image.extra {
            js_sys::Reflect::set(&extra, &JsValue::from_str(k), &js_sys::JSON::parse(raw.get())?)?;
        }
        js_sys::Reflect::set(&obj, &JsValue::from_str("extra"), &extra)?;
        images.push(&obj);
    }
    Ok(images.into())
}

/// Walks every page of `/v2/cloudimages` at `endpoint`; returns how many images it saw. With
/// `to_js`, each page is also made the npm package's JS object.
#[wasm_bindgen(js_name = listAll)]
pub async fn list_all(endpoint: String, page_size: u32, to_js: u32) -> Result<u32, JsValue> {
    let client = Client::new(ClientOptions::endpoint(endpoint)).map_err(js)?;
    let mut pages = client.list_images_all(&ListImagesQuery::default()).page_size(u64::from(page_size));
    let mut count = 0u32;
    while let Some(page) = pages.next_page().await.map_err(js)? {
        match to_js {
            1 => drop(page.to_js().map_err(js)?),
            2 => drop(by_fields(&page)?),
            _ => {}
        }
        count = count.saturating_add(u32::try_from(page.images.len()).unwrap_or(u32::MAX));
    }
    Ok(count)
}
