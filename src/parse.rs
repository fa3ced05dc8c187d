//! Parsing responses from bytes: one image, and a list page (`images`, `first`, `next`,
//! `schema`, `page_info.next_marker`), into native values or into JS-shaped JSON text.
//!
//! The JS-shaped output is what the wasm bindings hand to `JSON.parse`: the engine's own parser
//! builds the objects, which is far cheaper than crossing the wasm boundary once per field.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::Error;
use crate::image::{Field, Image};
use crate::kinds::write_json_string;
use crate::members::{raw_str, Members};
use crate::percent;

/// A page of images, with the marker for the next page.
#[derive(Debug, Clone, Default)]
pub struct ImagePage {
    pub images: Vec<Image>,
    /// Absent on the last page. See [`next_marker`] for the rule.
    pub next_marker: Option<String>,
    /// As the server sent them (`/v2/images`).
    pub next: Option<String>,
    pub first: Option<String>,
    pub schema: Option<String>,
}

/// What the request that produced a page asked for, needed to tell whether the page is full.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageContext {
    /// The page size in effect: the `limit` sent, or the server's documented default.
    pub limit: Option<u64>,
}

#[derive(Deserialize)]
struct RawPage<'a> {
    #[serde(borrow)]
    images: Vec<Members<'a>>,
    #[serde(borrow, default)]
    next: Option<&'a RawValue>,
    #[serde(borrow, default)]
    first: Option<&'a RawValue>,
    #[serde(borrow, default)]
    schema: Option<&'a RawValue>,
    #[serde(borrow, default)]
    page_info: Option<&'a RawValue>,
}

fn parse_error(what: &str, e: serde_json::Error) -> Error {
    Error::parse(format!("{what}: {e}"))
}

fn raw_page(bytes: &[u8]) -> Result<RawPage<'_>, Error> {
    serde_json::from_slice(bytes).map_err(|e| parse_error("malformed image list", e))
}

fn raw_image(bytes: &[u8]) -> Result<Members<'_>, Error> {
    serde_json::from_slice(bytes).map_err(|e| parse_error("malformed image", e))
}

fn image_from_members(m: &Members<'_>) -> Image {
    let mut img = Image::default();
    for (key, raw) in &m.0 {
        match Field::by_wire(key) {
            Some(field) if raw.get() == "null" => {
                img.clear(field);
                img.extra.remove(key.as_ref());
            }
            Some(field) => {
                if img.set(field, raw) {
                    img.extra.remove(key.as_ref());
                } else {
                    img.clear(field);
                    img.extra.insert(key.to_string(), (*raw).to_owned());
                }
            }
            None => {
                img.extra.insert(key.to_string(), (*raw).to_owned());
            }
        }
    }
    img
}

/// Writes one image as JS-shaped JSON: typed properties under JS names, then `extra`.
/// As with `JSON.parse`, only the last occurrence of a repeated modelled key counts.
fn write_image_js(m: &Members<'_>, out: &mut String) {
    let start = out.len();
    out.push('{');
    let fields: Vec<Option<Field>> = m.0.iter().map(|(k, _)| Field::by_wire(k)).collect();
    let mut last = [usize::MAX; crate::image::FIELDS.len()];
    for (i, f) in fields.iter().enumerate() {
        if let Some(slot) = f.and_then(|f| last.get_mut(f as usize)) {
            *slot = i;
        }
    }
    let mut extra: Vec<usize> = Vec::new();
    for (i, ((_, raw), field)) in m.0.iter().zip(&fields).enumerate() {
        match field {
            Some(f) if last.get(*f as usize) != Some(&i) => {} // a later occurrence wins
            Some(_) if raw.get() == "null" => {}
            Some(f) => {
                let mark = out.len();
                if mark > start + 1 {
                    out.push(',');
                }
                if !f.write_js(raw, out) {
                    out.truncate(mark);
                    extra.push(i);
                }
            }
            None => extra.push(i),
        }
    }
    if out.len() > start + 1 {
        out.push(',');
    }
    out.push_str("\"extra\":{");
    for (n, (key, raw)) in extra.iter().filter_map(|&i| m.0.get(i)).enumerate() {
        if n > 0 {
            out.push(',');
        }
        match key {
            // A key borrowed from the input had no escapes, so it is valid JSON text as it is.
            std::borrow::Cow::Borrowed(k) => {
                out.push('"');
                out.push_str(k);
                out.push('"');
            }
            std::borrow::Cow::Owned(k) => write_json_string(k, out),
        }
        out.push(':');
        out.push_str(raw.get());
    }
    out.push_str("}}");
}

/// Page-level strings as sent (anything but a string is ignored).
struct Links {
    next: Option<String>,
    first: Option<String>,
    schema: Option<String>,
    next_marker: Option<String>,
}

fn links(p: &RawPage<'_>, n_images: usize, last_id: Option<String>, ctx: PageContext) -> Links {
    let next = p.next.and_then(raw_str);
    let first = p.first.and_then(raw_str);
    let schema = p.schema.and_then(raw_str);
    let page_info = p.page_info.and_then(|r| serde_json::from_str::<Members<'_>>(r.get()).ok());
    let next_marker = next_marker(
        page_info.as_ref().map(|pi| pi.get("next_marker").and_then(raw_str)),
        p.next.is_some() || p.first.is_some(),
        next.as_deref(),
        n_images,
        last_id,
        ctx,
    );
    Links { next, first, schema, next_marker }
}

/// The pagination rule: the server's marker (`page_info.next_marker`, or the `marker` of
/// `next`); else, when the server sent no paging signal at all, the id of the last image when
/// the page is full; absent when the server says there is no more.
pub fn next_marker(
    page_info_marker: Option<Option<String>>,
    has_links: bool,
    next: Option<&str>,
    n_images: usize,
    last_id: Option<String>,
    ctx: PageContext,
) -> Option<String> {
    let non_empty = |s: String| (!s.is_empty()).then_some(s);
    if let Some(m) = page_info_marker {
        return m.and_then(non_empty);
    }
    if let Some(next) = next {
        if let Some(m) = marker_of_link(next) {
            return non_empty(m);
        }
    }
    if has_links && next.is_none() {
        return None; // a native list without `next` is the last page
    }
    let full = matches!(ctx.limit, Some(l) if l > 0 && n_images as u64 >= l);
    if full {
        last_id.and_then(non_empty)
    } else {
        None
    }
}

/// The decoded `marker` parameter of a (possibly relative) link.
pub fn marker_of_link(link: &str) -> Option<String> {
    let query = link.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    percent::parse_query(query).into_iter().rev().find(|(k, _)| k == "marker").map(|(_, v)| v)
}

fn last_id(images: &[Members<'_>]) -> Option<String> {
    images.last().and_then(|m| m.get("id")).and_then(raw_str)
}

/// Parses one image (`GET /v2/images/{id}`).
pub fn parse_image(bytes: &[u8]) -> Result<Image, Error> {
    Ok(image_from_members(&raw_image(bytes)?))
}

/// Parses a list page (`/v2/cloudimages` or `/v2/images`).
pub fn parse_image_page(bytes: &[u8], ctx: PageContext) -> Result<ImagePage, Error> {
    let p = raw_page(bytes)?;
    let l = links(&p, p.images.len(), last_id(&p.images), ctx);
    Ok(ImagePage {
        images: p.images.iter().map(image_from_members).collect(),
        next_marker: l.next_marker,
        next: l.next,
        first: l.first,
        schema: l.schema,
    })
}

/// One image as JS-shaped JSON text (see the module docs).
pub fn image_to_js_json(bytes: &[u8]) -> Result<String, Error> {
    let m = raw_image(bytes)?;
    let mut out = String::with_capacity(bytes.len());
    write_image_js(&m, &mut out);
    Ok(out)
}

/// A list page as JS-shaped JSON text, with what the paginator needs to know of it.
#[derive(Debug, Clone)]
pub struct JsPage {
    pub json: String,
    pub images: usize,
    pub next_marker: Option<String>,
}

/// A list page as JS-shaped JSON text: `{"images":[...],"nextMarker":..,"next":..,...}`.
pub fn image_page_to_js_json(bytes: &[u8], ctx: PageContext) -> Result<String, Error> {
    page_to_js(bytes, ctx).map(|p| p.json)
}

pub fn page_to_js(bytes: &[u8], ctx: PageContext) -> Result<JsPage, Error> {
    let p = raw_page(bytes)?;
    let l = links(&p, p.images.len(), last_id(&p.images), ctx);
    let mut out = String::with_capacity(bytes.len());
    out.push_str("{\"images\":[");
    for (i, m) in p.images.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_image_js(m, &mut out);
    }
    out.push(']');
    for (name, value) in [("nextMarker", &l.next_marker), ("next", &l.next), ("first", &l.first), ("schema", &l.schema)] {
        if let Some(v) = value {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":");
            write_json_string(v, &mut out);
        }
    }
    out.push('}');
    Ok(JsPage { json: out, images: p.images.len(), next_marker: l.next_marker })
}
