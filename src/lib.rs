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
//! `examples/list_images.rs` drives [`call::Pager`] with a blocking HTTP client.
//!
//! ## Where things are
//! - [`image`]: **the** image field table (`image_fields!`): wire name, JS name, kind, meaning.
//! - [`query`]: **the** query parameter table (`query_table!`), validation and wire encoding.
//! - [`kinds`], [`query::param`]: how one value of each kind is converted or validated.
//! - [`parse`]: pages and images from bytes, natively or as JS-shaped JSON; the `nextMarker` rule.
//! - [`sign`], [`request`]: the exact request for each operation, and its signature.
//! - [`call`], [`retry`], [`paging`], [`config`]: the client loop, its retry policy, its paging
//!   state, its options and security rules.
//! - [`response`], [`error`]: what is read from a failed response; the one error type.
//! - [`codegen`]: the TypeScript declarations and the JS converter, generated from the tables.

pub mod call;
pub mod codegen;
pub mod config;
pub mod enums;
pub mod error;
pub mod image;
pub mod kinds;
mod named;
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

pub use enums::*;
pub use error::{Error, ErrorKind};
pub use image::Image;
pub use parse::{image_page_to_js_json, image_to_js_json, parse_image, parse_image_page, ImagePage, PageContext, PageFacts};
pub use query::input::Input;
pub use query::time::{TimeFilter, TimeOp};
pub use query::{GlanceListImagesQuery, ListImagesQuery, Query};
