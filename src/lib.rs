//! ims-client: a client core for three read APIs of Huawei Cloud IMS (`GET /v2/cloudimages`,
//! `GET /v2/images`, `GET /v2/images/{image_id}`). This crate knows nothing of JavaScript:
//! it models images and queries, builds and signs requests, and parses responses and errors.
//! The wasm bindings (a separate module, compiled only for wasm32) convert and forward.

// Input reaches almost everything here: no panicking shortcuts in library code.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]
// `Error` carries every field of the JS `ImsError`; its size is not a concern on these paths.
#![allow(clippy::result_large_err)]

#[cfg(target_arch = "wasm32")]
pub mod bindings;
pub mod config;
pub mod enums;
pub mod error;
pub mod image;
pub mod kinds;
pub mod paging;
pub mod parse;
pub mod percent;
pub mod query;
mod url;
pub mod request;
mod scan;
pub mod retry;
pub mod sign;
pub mod typescript;

pub use enums::*;
pub use error::{Error, ErrorKind};
pub use image::Image;
pub use parse::{image_page_to_js_json, image_to_js_json, parse_image, parse_image_page, ImagePage, PageContext};
pub use query::input::Input;
pub use query::time::{TimeFilter, TimeOp};
pub use query::{GlanceListImagesQuery, ListImagesQuery, Query};
