//! Parsing responses from bytes: one image, and a list page (`images`, `first`, `next`,
//! `schema`, `page_info.next_marker`), into native values or into JS-shaped JSON text; and the
//! `nextMarker` rule, which both this parser and the JS converter feed with a page's facts.
//!
//! The JS-shaped output is the reference the generated JS converter is tested against: the same
//! object, built from the same table, by another route. Repeated keys behave as in `JSON.parse`:
//! the last one wins, at every level.

use serde_json::value::RawValue;

use crate::error::Error;
use crate::image::{Field, Image, FIELDS};
use crate::percent;
use crate::scan::{self, raw_str, Members, Scanner};
use crate::text::decode_body;
use crate::text::write_json_string;

/// A page of images, with the marker for the next page.
#[derive(Debug, Clone, Default)]
pub struct ImagePage {
    /// The images, in the server's order.
    pub images: Vec<Image>,
    /// Absent on the last page. See [`next_marker`] for the rule.
    pub next_marker: Option<String>,
    /// As the server sent it (`/v2/images`).
    pub next: Option<String>,
    /// As the server sent it (`/v2/images`).
    pub first: Option<String>,
    /// As the server sent it (`/v2/images`).
    pub schema: Option<String>,
}

/// What the request that produced a page asked for, needed to tell whether the page is full.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageContext {
    /// The page size in effect: the `limit` sent, or the server's documented default.
    pub limit: Option<u64>,
}

/// What a page says about paging, whoever parsed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// How many images the page held.
    pub count: usize,
    /// The last image's `id`, when it is a string.
    pub last_id: Option<String>,
    /// `None` without a `page_info` object; `Some(None)` when it has no string `next_marker`.
    pub page_info_marker: Option<Option<String>>,
    /// Whether the page has a `next` or a `first` member (of any value, `null` included).
    pub has_links: bool,
    /// `next`, when it is a string.
    pub next: Option<String>,
}

/// Where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// After this marker.
    At(String),
    /// Nowhere: this is the last page.
    End,
    /// The page is full, the server sent no marker, and its last image has no id: there is a
    /// next page, and nothing says where it starts.
    Lost,
}

/// The pagination rule: the server's marker (`page_info.next_marker`, or the `marker` of
/// `next`); else, when the server sent no paging signal at all, the id of the last image when
/// the page is full; the end when the server says there is no more.
pub fn next_page(facts: &PageFacts, ctx: PageContext) -> NextPage {
    let marker = |s: &str| if s.is_empty() { NextPage::End } else { NextPage::At(s.to_owned()) };
    if let Some(m) = &facts.page_info_marker {
        return m.as_deref().map_or(NextPage::End, marker);
    }
    if let Some(m) = facts.next.as_deref().and_then(marker_of_link) {
        return marker(&m);
    }
    if facts.has_links && facts.next.is_none() {
        return NextPage::End; // a native list without `next` is the last page
    }
    let full = matches!(ctx.limit, Some(l) if l > 0 && u64::try_from(facts.count).is_ok_and(|n| n >= l));
    match facts.last_id.as_deref() {
        _ if !full => NextPage::End,
        Some(id) if !id.is_empty() => NextPage::At(id.to_owned()),
        _ => NextPage::Lost,
    }
}

/// The page's `nextMarker` (absent on the last page, and when it cannot be known).
pub fn next_marker(facts: &PageFacts, ctx: PageContext) -> Option<String> {
    match next_page(facts, ctx) {
        NextPage::At(m) => Some(m),
        NextPage::End | NextPage::Lost => None,
    }
}

/// The decoded `marker` parameter of a (possibly relative) link; the last one if repeated.
pub fn marker_of_link(link: &str) -> Option<String> {
    let query = link.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    percent::parse_query(query).into_iter().rev().find(|(k, _)| k == "marker").map(|(_, v)| v)
}

/// A value kept in `extra`: its raw text is valid JSON (the scanner checked it).
fn raw_value(raw: &str) -> Box<RawValue> {
    RawValue::from_string(raw.to_owned())
        .unwrap_or_else(|_| RawValue::from_string(serde_json::Value::from(raw).to_string()).unwrap_or_default())
}

fn image_from_members(m: &Members<'_>) -> Image {
    let mut img = Image::default();
    for mb in m {
        let key = mb.key.as_ref();
        match Field::by_wire(key) {
            Some(field) if mb.value == "null" => {
                img.clear(field);
                img.extra.remove(key);
            }
            Some(field) => {
                if img.set(field, mb.value) {
                    img.extra.remove(key);
                } else {
                    img.clear(field);
                    img.extra.insert(key.to_owned(), raw_value(mb.value));
                }
            }
            None => {
                img.extra.insert(key.to_owned(), raw_value(mb.value));
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

/// Writes one image as JS-shaped JSON: typed properties under JS names, in input order, then
/// `extra`. Only the last occurrence of a repeated modelled key counts; repeated unmodelled keys
/// are all written, and `JSON.parse` of the result keeps the last, as it does of the input.
fn write_image_js(m: &Members<'_>, out: &mut String, scratch: &mut Scratch) {
    let start = out.len();
    out.push('{');
    scratch.fields.clear();
    scratch.extra.clear();
    let mut last = [usize::MAX; FIELDS.len()];
    for (i, mb) in m.iter().enumerate() {
        let f = Field::by_wire(&mb.key);
        if let Some(slot) = f.and_then(|f| last.get_mut(f.index())) {
            *slot = i;
        }
        scratch.fields.push(f);
    }
    for (i, (mb, field)) in m.iter().zip(&scratch.fields).enumerate() {
        match field {
            Some(f) if last.get(f.index()) != Some(&i) => {} // a later occurrence wins
            Some(_) if mb.value == "null" => {}
            Some(f) => {
                let mark = out.len();
                if mark > start + 1 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(FIELDS.get(f.index()).map_or("", |r| r.js));
                out.push_str("\":");
                if !f.write_js(mb.value, out) {
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
    for (n, mb) in scratch.extra.iter().filter_map(|&i| m.get(i)).enumerate() {
        if n > 0 {
            out.push(',');
        }
        // The key exactly as sent (valid JSON string text): `JSON.parse` then gives the same
        // key the JS converter sees, lone surrogates included.
        out.push_str(mb.raw_key);
        out.push(':');
        out.push_str(mb.value);
    }
    out.push_str("}}");
}

/// Page-level parts as sent (anything but a string is ignored), plus the paging facts.
#[derive(Default)]
struct Links {
    next: Option<String>,
    first: Option<String>,
    schema: Option<String>,
}

/// Walks a list page: each image goes to `on_image` as soon as it is read (one page of members
/// is never held at once), and `None` marks the start of each `images` member (a repeated one
/// restarts the list, as `JSON.parse` keeps the last); links and `page_info` are collected.
fn walk_page<'a>(text: &'a str, mut on_image: impl FnMut(Option<&Members<'a>>)) -> Result<(Links, PageFacts), Error> {
    let mut sc = Scanner::new(text, "image list");
    let mut members: Members<'a> = Vec::with_capacity(48);
    let (mut next, mut first, mut schema, mut page_info) = (None, None, None, None);
    let mut count = 0usize;
    let mut last_id: Option<&'a str> = None;
    let mut saw_images = false;
    if !sc.is_at(b'{') {
        return Err(sc.err("an object"));
    }
    sc.object(|sc, key| {
        match key.as_ref() {
            "images" => {
                saw_images = true;
                count = 0;
                last_id = None;
                on_image(None);
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
                    on_image(Some(&members));
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
    let facts = PageFacts {
        count,
        last_id: owned(last_id),
        page_info_marker: page_info.and_then(scan::members_of).map(|pi| owned(scan::get(&pi, "next_marker"))),
        has_links: next.is_some() || first.is_some(),
        next: owned(next),
    };
    Ok((Links { next: facts.next.clone(), first: owned(first), schema: owned(schema) }, facts))
}

fn single_image(text: &str) -> Result<Members<'_>, Error> {
    let mut sc = Scanner::new(text, "image");
    if !sc.is_at(b'{') {
        return Err(sc.err("an image object"));
    }
    let mut m = Vec::with_capacity(48);
    sc.members_into(&mut m)?;
    sc.end()?;
    Ok(m)
}

/// Parses one image (`GET /v2/images/{id}`). The body is decoded as `fetch` decodes text
/// ([`decode_body`]).
pub fn parse_image(bytes: &[u8]) -> Result<Image, Error> {
    Ok(image_from_members(&single_image(&decode_body(bytes))?))
}

/// Parses a list page (`/v2/cloudimages` or `/v2/images`). The body is decoded as `fetch`
/// decodes text ([`decode_body`]).
pub fn parse_image_page(bytes: &[u8], ctx: PageContext) -> Result<ImagePage, Error> {
    let (mut page, facts) = parse_page_with_facts(bytes)?;
    page.next_marker = next_marker(&facts, ctx);
    Ok(page)
}

/// A list page with the facts the client loop needs of it (what a native driver of
/// [`crate::call::Pager`] reports as `Event::Parsed`). `next_marker` here knows no page size.
pub fn parse_page_with_facts(bytes: &[u8]) -> Result<(ImagePage, PageFacts), Error> {
    let text = decode_body(bytes);
    let mut images = Vec::new();
    let (l, facts) = walk_page(&text, |m| match m {
        Some(m) => images.push(image_from_members(m)),
        None => images.clear(),
    })?;
    let next_marker = next_marker(&facts, PageContext::default());
    Ok((ImagePage { images, next_marker, next: l.next, first: l.first, schema: l.schema }, facts))
}

/// One image as JS-shaped JSON text (see the module docs).
pub fn image_to_js_json(bytes: &[u8]) -> Result<String, Error> {
    let text = decode_body(bytes);
    let m = single_image(&text)?;
    let mut out = String::with_capacity(bytes.len() + 16);
    write_image_js(&m, &mut out, &mut Scratch::default());
    Ok(out)
}

/// A list page as JS-shaped JSON text: `{"images":[...],"nextMarker":..,"next":..,...}`.
pub fn image_page_to_js_json(bytes: &[u8], ctx: PageContext) -> Result<String, Error> {
    const HEAD: &str = "{\"images\":[";
    let mut out = String::with_capacity(bytes.len() + 64);
    out.push_str(HEAD);
    let mut first_image = true;
    let mut scratch = Scratch::default();
    let text = decode_body(bytes);
    let (l, facts) = walk_page(&text, |m| match m {
        Some(m) => {
            if !first_image {
                out.push(',');
            }
            first_image = false;
            write_image_js(m, &mut out, &mut scratch);
        }
        None => {
            out.truncate(HEAD.len());
            first_image = true;
        }
    })?;
    out.push(']');
    let next_marker = next_marker(&facts, ctx);
    end_js_page(&mut out, [next_marker.as_deref(), l.next.as_deref(), l.first.as_deref(), l.schema.as_deref()]);
    Ok(out)
}

/// Ends a JS-shaped page after its `images` array: `nextMarker`, `next`, `first` and `schema`,
/// in that order, those that are set; then the closing brace.
pub fn end_js_page(out: &mut String, [next_marker, next, first, schema]: [Option<&str>; 4]) {
    for (name, value) in [("nextMarker", next_marker), ("next", next), ("first", first), ("schema", schema)] {
        if let Some(v) = value {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":");
            write_json_string(v, out);
        }
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_images_member_keeps_the_last_as_json_parse_does() {
        let body = br#"{"images":[{"id":"a"},{"id":"b"}],"images":[{"id":"c"}]}"#;
        let page = parse_image_page(body, PageContext { limit: Some(1) }).unwrap();
        assert_eq!(page.images.iter().map(|i| i.id.clone().unwrap()).collect::<Vec<_>>(), ["c"]);
        assert_eq!(page.next_marker.as_deref(), Some("c"));
        let js = image_page_to_js_json(body, PageContext::default()).unwrap();
        assert_eq!(js, r#"{"images":[{"id":"c","extra":{}}]}"#);
    }

    #[test]
    fn next_marker_rule() {
        let facts = |count, last: Option<&str>| PageFacts { count, last_id: last.map(str::to_owned), ..Default::default() };
        let full = PageContext { limit: Some(2) };
        assert_eq!(next_marker(&facts(2, Some("b")), full).as_deref(), Some("b"));
        assert_eq!(next_marker(&facts(1, Some("b")), full), None);
        assert_eq!(next_marker(&facts(2, Some("b")), PageContext::default()), None);
        let pi = PageFacts { page_info_marker: Some(Some("m".into())), ..facts(0, None) };
        assert_eq!(next_marker(&pi, full).as_deref(), Some("m"));
        let pi_none = PageFacts { page_info_marker: Some(None), ..facts(2, Some("b")) };
        assert_eq!(next_marker(&pi_none, full), None);
        let link = PageFacts { has_links: true, next: Some("/v2/images?marker=x%20y&limit=2".into()), ..facts(2, Some("b")) };
        assert_eq!(next_marker(&link, full).as_deref(), Some("x y"));
        let last = PageFacts { has_links: true, ..facts(2, Some("b")) };
        assert_eq!(next_marker(&last, full), None);
    }
}
