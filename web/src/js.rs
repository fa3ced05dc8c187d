//! Images and pages as the plain JS objects the npm package returns for the same body (JS names,
//! typed values, `extra` as received), for a Rust app that hands them to JS (a component's props,
//! `postMessage`, a test's expectation). The core writes the page as JSON (`Image` serializes
//! under JS names, its `extra` values as the raw text it kept) and the engine's own `JSON.parse`
//! makes the objects, once per page: numbers, escapes and `__proto__` keys come out exactly as
//! the package's converter makes them. (Through serde-wasm-bindgen, field by field, the same
//! objects cost 1.8x as much: README, "Tried and kept or dropped".)

use ims_client::parse::end_js_page;
use ims_client::{Error, ErrorKind, Image, ImagePage};
use wasm_bindgen::JsValue;

/// A value as the npm package shows it to JS.
pub trait ToJs {
    /// The plain JS object.
    ///
    /// ```no_run
    /// use ims_client_web::ToJs;
    /// let image = ims_client::parse_image(br#"{"id":"a","__os_bit":"64","__new":1}"#).unwrap();
    /// let js = image.to_js().unwrap(); // { id: 'a', osBit: 64, extra: { __new: 1 } }
    /// ```
    fn to_js(&self) -> Result<JsValue, Error>;
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Parse, ims_client::text::concat(&["could not make the JS value: ", &e.to_string()]))
}

fn parse(text: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(text).map_err(|e| failed(e.as_string().unwrap_or_default()))
}

impl ToJs for Image {
    fn to_js(&self) -> Result<JsValue, Error> {
        parse(&serde_json::to_string(self).map_err(failed)?)
    }
}

impl ToJs for ImagePage {
    fn to_js(&self) -> Result<JsValue, Error> {
        let mut text = String::from("{\"images\":[");
        for (i, image) in self.images.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&serde_json::to_string(image).map_err(failed)?);
        }
        text.push(']');
        end_js_page(&mut text, [self.next_marker.as_deref(), self.next.as_deref(), self.first.as_deref(), self.schema.as_deref()]);
        parse(&text)
    }
}
