//! Parsing responses from bytes: one image, and a list page (`images`, `first`, `next`,
//! `schema`, `page_info.next_marker`), into native values or into JS-shaped JSON text.
//!
//! The JS-shaped output is what the wasm bindings hand to `JSON.parse`: the engine's own parser
//! builds the objects, which is far cheaper than crossing the wasm boundary once per field.

use serde_json::value::RawValue;

use crate::error::Error;
use crate::image::{Field, Image};
use crate::kinds::write_json_string;
use crate::percent;
use crate::scan::{self, raw_str, Members, Scanner};

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

/// A value kept in `extra`: its raw text is valid JSON (the scanner checked it).
fn raw_value(raw: &str) -> Box<RawValue> {
    RawValue::from_string(raw.to_owned())
        .unwrap_or_else(|_| RawValue::from_string(serde_json::Value::from(raw).to_string()).unwrap_or_default())
}

fn image_from_members(m: &Members<'_>) -> Image {
    let mut img = Image::default();
    for (key, raw) in m {
        match Field::by_wire(key) {
            Some(field) if *raw == "null" => {
                img.clear(field);
                img.extra.remove(key.as_ref());
            }
            Some(field) => {
                if img.set(field, raw) {
                    img.extra.remove(key.as_ref());
                } else {
                    img.clear(field);
                    img.extra.insert(key.to_string(), raw_value(raw));
                }
            }
            None => {
                img.extra.insert(key.to_string(), raw_value(raw));
            }
        }
    }
    img
}

/// Buffers reused from one image to the next.
#[derive(Default)]
struct Scratch {
    fields: Vec<Option<Field>>,
    extra: Vec<usize>,
}

/// Writes one image as JS-shaped JSON: typed properties under JS names, then `extra`.
/// As with `JSON.parse`, only the last occurrence of a repeated modelled key counts.
fn write_image_js(m: &Members<'_>, out: &mut String, scratch: &mut Scratch) {
    let start = out.len();
    out.push('{');
    scratch.fields.clear();
    scratch.extra.clear();
    let mut last = [usize::MAX; crate::image::FIELDS.len()];
    for (i, (k, _)) in m.iter().enumerate() {
        let f = Field::by_wire(k);
        if let Some(slot) = f.and_then(|f| last.get_mut(f as usize)) {
            *slot = i;
        }
        scratch.fields.push(f);
    }
    for (i, ((_, raw), field)) in m.iter().zip(&scratch.fields).enumerate() {
        match field {
            Some(f) if last.get(*f as usize) != Some(&i) => {} // a later occurrence wins
            Some(_) if *raw == "null" => {}
            Some(f) => {
                let mark = out.len();
                if mark > start + 1 {
                    out.push(',');
                }
                if !f.write_js(raw, out) {
                    out.truncate(mark);
                    scratch.extra.push(i);
                }
            }
            None => scratch.extra.push(i),
        }
    }
    if out.len() > start + 1 {
        out.push(',');
    }
    out.push_str("\"extra\":{");
    for (n, (key, raw)) in scratch.extra.iter().filter_map(|&i| m.get(i)).enumerate() {
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
        out.push_str(raw);
    }
    out.push_str("}}");
}

/// Page-level parts as sent (anything but a string is ignored), plus the paging facts.
#[derive(Default)]
struct Links {
    next: Option<String>,
    first: Option<String>,
    schema: Option<String>,
    next_marker: Option<String>,
}

/// Walks a list page: each image goes to `on_image` as soon as it is read (one page of members
/// is never held at once); links and `page_info` are collected.
fn walk_page<'a>(bytes: &'a [u8], ctx: PageContext, mut on_image: impl FnMut(&Members<'a>)) -> Result<(Links, usize), Error> {
    let mut sc = Scanner::new(bytes, "image list")?;
    let mut members: Members<'a> = Vec::with_capacity(48);
    let (mut next, mut first, mut schema, mut page_info) = (None, None, None, None);
    let mut count = 0usize;
    let mut last_id: Option<&'a str> = None;
    let mut saw_images = false;
    sc.object(|sc, key| {
        match key.as_ref() {
            "images" => {
                saw_images = true;
                if !sc.is_at(b'[') {
                    return Err(sc.err("an array of images"));
                }
                sc.array(|sc| {
                    if !sc.is_at(b'{') {
                        return Err(sc.err("an image object"));
                    }
                    sc.members_into(&mut members)?;
                    count += 1;
                    last_id = scan::get(&members, "id");
                    on_image(&members);
                    Ok(())
                })?;
            }
            "next" => next = Some(sc.value()?),
            "first" => first = Some(sc.value()?),
            "schema" => schema = Some(sc.value()?),
            "page_info" => page_info = Some(sc.value()?),
            _ => {
                sc.value()?;
            }
        }
        Ok(())
    })?;
    sc.end()?;
    if !saw_images {
        return Err(Error::parse("malformed image list: no \"images\" array"));
    }
    let owned = |raw: Option<&str>| raw.and_then(raw_str).map(|s| s.into_owned());
    let page_info_marker = page_info.and_then(scan::members_of).map(|pi| owned(scan::get(&pi, "next_marker")));
    let mut links = Links { next: owned(next), first: owned(first), schema: owned(schema), next_marker: None };
    links.next_marker =
        next_marker(page_info_marker, next.is_some() || first.is_some(), links.next.as_deref(), count, owned(last_id), ctx);
    Ok((links, count))
}

fn single_image<'a>(bytes: &'a [u8]) -> Result<Members<'a>, Error> {
    let mut sc = Scanner::new(bytes, "image")?;
    if !sc.is_at(b'{') {
        return Err(sc.err("an image object"));
    }
    let mut m = Vec::with_capacity(48);
    sc.members_into(&mut m)?;
    sc.end()?;
    Ok(m)
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

/// Parses one image (`GET /v2/images/{id}`).
pub fn parse_image(bytes: &[u8]) -> Result<Image, Error> {
    Ok(image_from_members(&single_image(bytes)?))
}

/// Parses a list page (`/v2/cloudimages` or `/v2/images`).
pub fn parse_image_page(bytes: &[u8], ctx: PageContext) -> Result<ImagePage, Error> {
    let mut images = Vec::new();
    let (l, _) = walk_page(bytes, ctx, |m| images.push(image_from_members(m)))?;
    Ok(ImagePage { images, next_marker: l.next_marker, next: l.next, first: l.first, schema: l.schema })
}

/// One image as JS-shaped JSON text (see the module docs).
pub fn image_to_js_json(bytes: &[u8]) -> Result<String, Error> {
    let m = single_image(bytes)?;
    let mut out = String::with_capacity(bytes.len() + 16);
    write_image_js(&m, &mut out, &mut Scratch::default());
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
    let mut out = String::with_capacity(bytes.len() + 64);
    out.push_str("{\"images\":[");
    let mut first_image = true;
    let mut scratch = Scratch::default();
    let (l, count) = walk_page(bytes, ctx, |m| {
        if !first_image {
            out.push(',');
        }
        first_image = false;
        write_image_js(m, &mut out, &mut scratch);
    })?;
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
    Ok(JsPage { json: out, images: count, next_marker: l.next_marker })
}
