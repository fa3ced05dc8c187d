//! The JS converter: what `JSON.parse` gave, turned into the package's `Image` and page objects
//! by one function per shape, generated from the field table. It is the package's hot path, so
//! it is plain JS: one pass over each image's keys, a `switch` on the wire name, each kind's
//! conversion ([`crate::field_types::JsConvert`]) inlined. The rules are the core's: the same table,
//! the same kinds; `tests/js/differential.test.mjs` runs it and the native core on the same
//! pages and requires identical objects.
//!
//! A page's paging facts (`count`, `lastId`, `hasPageInfo`, `pageInfoMarker`, `hasLinks`, `next`) are collected here
//! and handed to the core, which applies the `nextMarker` rule.

use std::fmt::Write;

use crate::field_types::JsConvert;
use crate::image::FIELDS;

/// A JS string literal (single-quoted) of `s`.
fn js_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The converter module's source.
pub fn converter() -> String {
    let mut out = String::from(
        "// @ts-check
// Generated from the image field table (src/image.rs) by src/codegen/converter.rs. Do not edit.
//
// Turns what JSON.parse gave into the package's objects by the core's rules (the same table, the
// same kinds); tests/js/differential.test.mjs proves it equals the native core on every fixture,
// on generated pages and on malformed bodies.

/** A body that is not the documented JSON (the package turns it into an ImsError of kind `parse`). */
export class ParseError extends Error {}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keeps an unmodelled value under its wire name. `__proto__` must become an own property, as
 * JSON.parse makes it, not the object's prototype.
 * @param {Record<string, unknown>} extra @param {string} key @param {unknown} value
 */
function keep(extra, key, value) {
  if (key === '__proto__') Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
  else extra[key] = value;
}
",
    );
    let mut helpers: Vec<&str> = Vec::new();
    for f in FIELDS {
        if let JsConvert::Call { source, .. } = f.ty.js {
            if !helpers.contains(&source) {
                helpers.push(source);
            }
        }
    }
    for h in helpers {
        out.push('\n');
        out.push_str(&h.replace("\nfunction ", "\n/** @param {unknown} v */\nfunction ").replacen(
            "function ",
            "/** @param {unknown} v */\nfunction ",
            usize::from(h.starts_with("function ")),
        ));
        out.push('\n');
    }
    out.push_str(
        "
/**
 * One image from its wire object (an object, never null or an array).
 * @param {Record<string, any>} r
 * @returns {import('../index').Image}
 */
export function image(r) {
  /** @type {Record<string, unknown>} */
  const o = {};
  /** @type {Record<string, unknown>} */
  const e = {};
  let x;
  for (const k in r) {
    const v = r[k];
    switch (k) {
",
    );
    for f in FIELDS {
        let set = match f.ty.js {
            JsConvert::Keep(cond) => format!("if ({cond}) o.{} = v; else keep(e, k, v);", f.js),
            JsConvert::Call { name, .. } => format!("if ((x = {name}(v)) !== undefined) o.{} = x; else keep(e, k, v);", f.js),
        };
        let _ = writeln!(out, "      case {}: if (v !== null) {{ {set} }} break;", js_str(f.wire));
    }
    out.push_str(
        "      default: keep(e, k, v);
    }
  }
  o.extra = e;
  return /** @type {import('../index').Image} */ (/** @type {unknown} */ (o));
}

/**
 * What the core's nextMarker rule needs of a page (see src/parse.rs, PageFacts).
 * @typedef {{ count: number, lastId?: string, hasPageInfo: boolean, pageInfoMarker?: string, hasLinks: boolean, next?: string }} PageFacts
 */

/**
 * One image body (`GET /v2/images/{image_id}`).
 * @param {unknown} body
 */
export function imageBody(body) {
  if (!isObject(body)) throw new ParseError('malformed image: expected an image object');
  return image(body);
}

/**
 * A list page body: its images, the links as sent (strings only), and its paging facts.
 * @param {unknown} body
 */
export function pageBody(body) {
  if (!isObject(body)) throw new ParseError('malformed image list: expected an object');
  if (!Object.hasOwn(body, 'images')) throw new ParseError('malformed image list: no \"images\" array');
  const list = body.images;
  if (!Array.isArray(list)) throw new ParseError('malformed image list: expected an array of images');
  const images = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!isObject(r)) throw new ParseError(`malformed image list: expected an image object at images[${i}]`);
    images[i] = image(r);
  }
  const last = list[list.length - 1];
  const str = (/** @type {unknown} */ v) => (typeof v === 'string' ? v : undefined);
  const own = (/** @type {string} */ k) => (Object.hasOwn(body, k) ? body[k] : undefined);
  const pageInfo = own('page_info');
  /** @type {PageFacts} */
  const facts = {
    count: images.length,
    lastId: last === undefined ? undefined : str(Object.hasOwn(last, 'id') ? last.id : undefined),
    hasPageInfo: isObject(pageInfo),
    pageInfoMarker: isObject(pageInfo) && Object.hasOwn(pageInfo, 'next_marker') ? str(pageInfo.next_marker) : undefined,
    hasLinks: Object.hasOwn(body, 'next') || Object.hasOwn(body, 'first'),
    next: str(own('next')),
  };
  return { images, facts, next: str(own('next')), first: str(own('first')), schema: str(own('schema')) };
}
",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_case_and_every_helper_is_defined_once() {
        let js = converter();
        for f in FIELDS {
            assert_eq!(js.matches(&format!("case {}:", js_str(f.wire))).count(), 1, "{}", f.wire);
            assert!(js.contains(&format!("o.{} = ", f.js)), "{}", f.js);
        }
        for name in ["toBool", "toInt", "toStrList", "toCsv"] {
            assert_eq!(js.matches(&format!("function {name}(")).count(), 1, "{name}");
        }
        assert_eq!(js_str("a'b\\c\n"), "'a\\'b\\\\c\\u000a'");
    }
}
