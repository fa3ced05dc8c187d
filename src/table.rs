//! One row of a declaration table, as data: the image field table (`image.rs`) and the query
//! parameter table (`query/mod.rs`) both describe themselves with it, and the generators (the
//! TypeScript declarations, the JS converter) and the tests read it. Each row's meaning sits in a
//! parallel list (`image::FIELD_DOCS`, `Query::DOCS`), read only by the generators, so the
//! client never carries the documentation text.

use crate::kinds::JsConvert;
use crate::query::param::ParamKind;

/// A declared field or parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<K: 'static> {
    /// The Rust name (`os_bit`).
    pub rust: &'static str,
    /// The wire name (`__os_bit`).
    pub wire: &'static str,
    /// The JS name, by the mechanical rule of [`js_name`] (`osBit`).
    pub js: &'static str,
    /// What its kind says about it.
    pub kind: K,
}

/// What an image field's kind says: its TypeScript type and its JS conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldKind {
    /// The TypeScript type (`number`, `Platform`, ...).
    pub ts: &'static str,
    /// How the generated JS converter converts it.
    pub js: JsConvert,
}

/// A row of the image field table.
pub type FieldRow = Row<FieldKind>;
/// A row of the query parameter table.
pub type ParamRow = Row<ParamKind>;

/// A doc comment's lines (as the table macros capture them) as one line of text.
pub fn meaning(doc: &str) -> String {
    crate::text::join(doc.split_whitespace(), " ")
}

/// The mechanical rule from wire name to JS name: drop leading underscores, split on `_`
/// (dropping empty parts), join in lowerCamelCase.
pub fn js_name(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    for (i, part) in wire.split('_').filter(|p| !p.is_empty()).enumerate() {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.push(first);
            } else {
                out.extend(first.to_uppercase());
            }
            out.push_str(chars.as_str());
        }
    }
    out
}
