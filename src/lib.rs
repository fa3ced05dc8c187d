//! # ims-client
//!
//! A client core for three read APIs of Huawei Cloud IMS (Image Management Service):
//! `GET /v2/cloudimages` ([`ListImagesQuery`]), `GET /v2/images` ([`GlanceListImagesQuery`]) and
//! `GET /v2/images/{image_id}`. It models images and queries, builds and signs requests
//! (SDK-HMAC-SHA256, as the official SDKs sign), parses responses and errors, and runs the client
//! loop (credentials, attempts, retries and backoff, paging) as a state machine without I/O
//! ([`call`]), so any transport can drive it.
//!
//! It knows nothing of JavaScript; the `ims-client-wasm` crate (`wasm/`) binds it for the npm
//! package. Native programs use it directly:
//!
//! ```
//! use ims_client::{parse_image_page, Image, PageContext};
//!
//! let body = br#"{"images":[{"id":"a1","__os_bit":"64","__support_kvm":"true","__new_key":1}]}"#;
//! let page = parse_image_page(body, PageContext::default()).unwrap();
//! let image: &Image = &page.images[0];
//! assert_eq!(image.os_bit, Some(64));
//! assert_eq!(image.support_kvm, Some(true));
//! assert_eq!(image.extra["__new_key"].get(), "1");
//! ```
//!
//! `examples/list_images.rs` drives the async [`client::Client`] with a blocking HTTP client.
//!
//! ## Layers
//! Every `use` points down this list (`tests/layers.rs` fails on any cycle, reading the edges from
//! the sources):
//! 1. **Leaf rules**: [`text`], [`dates`], [`error`] (with `closed_enum`), `url`, [`percent`],
//!    [`regions`], `scan`, [`headers`].
//! 2. **Values**: [`input`] (what a dynamic caller hands over), [`open_enums`], [`field_types`],
//!    [`table`], [`query`], [`image`].
//! 3. **Wire rules on typed values**: [`sign`], [`auth`], [`endpoint`], [`request`], [`parse`],
//!    [`retry`], [`response`]; and the output rule `csv` (spreadsheet cells).
//! 4. **State**: [`paging`], [`config`].
//! 5. **The loops and drivers' decisions**: [`call`] (the client's, sans-IO),
//!    `credential_chain` (where the official SDKs find credentials, sans-IO) and `cli` (the `ims`
//!    command line's grammar and plan); on top of them [`client`] (the async driver over a
//!    transport), [`interop`] (the adapters from [`Input`]) and [`codegen`] (what the package's JS
//!    and TypeScript are generated from).
//!
//! `credential_chain`, `cli` and `csv` are the rules only the Node drivers carry out: feature
//! `node` (on by default; the browser's module is built without it).
//!
//! ## Where things are
//! - [`image`]: **the** image field table (`image_fields!`): wire name, JS name, field type, meaning.
//! - [`query`]: **the** query parameter table (`query_table!`), validation and wire encoding.
//! - [`field_types`], [`query::param`]: how one value of each type is converted or checked.
//! - [`error`]: **the** error field table (`error_fields!`) and the error kinds.
//! - [`parse`]: pages and images from bytes, natively or as JS-shaped JSON; the `nextMarker` rule.
//! - [`sign`], [`request`]: the exact request for each operation, and its signature.
//! - [`call`], [`retry`], [`paging`], [`config`]: the client loop, its retry policy, its paging
//!   state, its options and security rules.
//! - [`response`], [`headers`]: what is read from a failed response; every header rule.

pub mod auth;
pub mod call;
#[cfg(feature = "node")]
pub mod cli;
pub mod client;
mod closed_enum;
pub mod codegen;
pub mod config;
#[cfg(feature = "node")]
pub mod credential_chain;
#[cfg(feature = "node")]
pub mod csv;
pub mod dates;
pub mod endpoint;
pub mod error;
pub mod field_types;
pub mod headers;
pub mod image;
pub mod input;
pub mod interop;
pub mod open_enums;
pub mod paging;
pub mod parse;
pub mod percent;
pub mod query;
pub mod regions;
pub mod request;
pub mod response;
pub mod retry;
mod scan;
pub mod sign;
pub mod table;
pub mod text;
mod url;

pub use auth::Credentials;
pub use config::ClientOptions;
pub use error::{Error, ErrorKind};
pub use image::Image;
pub use input::Input;
pub use open_enums::*;
pub use parse::{image_page_to_js_json, image_to_js_json, parse_image, parse_image_page, ImagePage, PageContext, PageFacts};
pub use query::time::{TimeFilter, TimeOp};
pub use query::{GlanceListImagesQuery, ListImagesQuery, Query};
