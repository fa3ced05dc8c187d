//! One row of a declaration table, as data: the image field table (`image.rs`, rows of
//! `image::FieldRow`) and the query parameter table (`query/mod.rs`, rows of `query::param::ParamRow`)
//! both describe themselves with it, and the generators (the TypeScript declarations, the JS
//! converter, the command line's flags) and the tests read it. Each row's meaning sits in a
//! parallel list (`image::FIELD_DOCS`, `Query::DOCS`), read only by the generators, so the client
//! never carries the documentation text. A leaf of the value layer: it knows no table's kinds.

/// A declared field or parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<K: 'static> {
    /// The Rust name (`os_bit`).
    pub rust: &'static str,
    /// The wire name (`__os_bit`).
    pub wire: &'static str,
    /// The JS name, by the mechanical rule of [`js_name`] (`osBit`).
    pub js: &'static str,
    /// What its type says about it (`image::FieldSpec`, `query::param::ParamType`).
    pub ty: K,
}

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
