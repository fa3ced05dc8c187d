//! `emulator/generated/schemas.mjs`: the JSON Schemas the emulator serves at `/v2/schemas/image`
//! and `/v2/schemas/images`, as Glance serves its own (the OpenStack clients read them to build
//! their image models), generated from the image field table: each field's wire type (a string
//! that holds a boolean is `["boolean", "string"]`), `null` allowed, its meaning as `description`.

use crate::image::{FIELDS, FIELD_DOCS, FIELD_WIRE_TYPES};
use crate::table::meaning;
use crate::text::json_quote;

/// One property's schema.
fn property(wire: &str, doc: &str) -> String {
    // `"string"` or `["a", "b"]`, with `"null"` added.
    let types = if let Some(list) = wire.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        format!("[{list}, \"null\"]")
    } else {
        format!("[{wire}, \"null\"]")
    };
    let items = if wire == "\"array\"" { r#", "items": { "type": "string" }"# } else { "" };
    format!(r#"{{ "type": {types}{items}, "description": {} }}"#, json_quote(&meaning(doc)))
}

/// The image schema's JSON.
pub fn image_schema() -> String {
    let mut props = Vec::new();
    for ((f, wire), doc) in FIELDS.iter().zip(FIELD_WIRE_TYPES).zip(FIELD_DOCS) {
        props.push(format!("    {}: {}", json_quote(f.wire), property(wire, doc)));
    }
    format!(
        "{{\n  \"name\": \"image\",\n  \"properties\": {{\n{}\n  }},\n  \"additionalProperties\": true,\n  \"links\": [\n    {{ \"rel\": \"self\", \"href\": \"{{self}}\" }},\n    {{ \"rel\": \"enclosure\", \"href\": \"{{file}}\" }},\n    {{ \"rel\": \"describedby\", \"href\": \"{{schema}}\" }}\n  ]\n}}",
        props.join(",\n")
    )
}

/// `emulator/generated/schemas.mjs`.
pub fn schemas_js() -> String {
    let image = image_schema();
    format!(
        "// Generated from the image field table (src/image.rs) by src/codegen/schema.rs. Do not edit.\n// The JSON Schemas the emulator serves, as Glance serves its own.\n\n/** `GET /v2/schemas/image`. */\nexport const IMAGE_SCHEMA = {image};\n\n/** `GET /v2/schemas/images`. */\nexport const IMAGES_SCHEMA = {{\n  name: 'images',\n  properties: {{\n    images: {{ type: 'array', items: IMAGE_SCHEMA }},\n    schema: {{ type: 'string' }},\n    first: {{ type: 'string' }},\n    next: {{ type: 'string' }},\n  }},\n  links: [\n    {{ rel: 'first', href: '{{first}}' }},\n    {{ rel: 'next', href: '{{next}}' }},\n    {{ rel: 'describedby', href: '{{schema}}' }},\n  ],\n}};\n"
    )
}
