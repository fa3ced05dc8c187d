//! # ims-client-web
//!
//! Huawei Cloud IMS image queries from Rust on wasm32: in a browser, a web worker, or Node 18+
//! (so `wasm-pack test --node` and `--headless --chrome` both work). It is the `ims-client` core's
//! async client ([`ims_client::client`]) over `fetch`: every rule (signing, retries and backoff,
//! `Retry-After`, redirects refused, paging and its bounds, the security rules) is the core's,
//! and this crate only carries the requests out. A call's future, dropped, aborts its request.
//!
//! ```no_run
//! use ims_client_web::{Client, ToJs};
//! use ims_client::{ClientOptions, Credentials, ImageType, ListImagesQuery};
//!
//! async fn gold_images(token: String) -> Result<wasm_bindgen::JsValue, ims_client::Error> {
//!     let client = Client::new(
//!         ClientOptions::region("cn-north-4").credentials(Credentials::Token(token)).timeout_ms(5_000),
//!     )?;
//!     let query = ListImagesQuery { imagetype: Some(ImageType::Gold), limit: Some(50), ..Default::default() };
//!     let page = client.list_images(&query).await?;
//!     page.to_js() // the npm package's ImagePage, identical
//! }
//! ```

mod js;
mod transport;

pub use js::ToJs;
pub use transport::{WebResponse, WebTransport};

use ims_client::client;
use ims_client::{ClientOptions, Error, GlanceListImagesQuery, Image, ImagePage, ListImagesQuery};
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// Every page of a listing, one at a time (see [`Client::list_images_all`]).
pub type Pages<'c> = client::Pages<'c, WebTransport>;

/// A client of the three IMS read operations, over `fetch`.
///
/// ```no_run
/// # async fn f() -> Result<(), ims_client::Error> {
/// use ims_client_web::Client;
/// use ims_client::{ClientOptions, GlanceListImagesQuery};
///
/// let client = Client::new(ClientOptions::endpoint("/proxy/ims"))?; // in a page: the page's own origin
/// let page = client.glance_list_images(&GlanceListImagesQuery::default()).await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Client {
    inner: client::Client<WebTransport>,
}

/// The page's origin (`location.origin`), when there is a page or a worker.
fn page_origin() -> Option<String> {
    let location = Reflect::get(&js_sys::global(), &JsValue::from_str("location")).ok()?;
    Reflect::get(&location, &JsValue::from_str("origin")).ok()?.as_string().filter(|o| o.starts_with("http"))
}

impl Client {
    /// Checks the options (every rule the JS client applies; errors name the key) and makes a
    /// client. In a page, a path-absolute endpoint (`/proxy/ims`) resolves against the page's
    /// origin.
    ///
    /// ```no_run
    /// use ims_client_web::Client;
    /// use ims_client::{ClientOptions, Credentials, ErrorKind};
    ///
    /// let refused = Client::new(ClientOptions::endpoint("http://ims.example.com").credentials(Credentials::Token("t".into())));
    /// assert_eq!(refused.unwrap_err().kind, ErrorKind::InvalidArgument); // credentials over plain http
    /// ```
    pub fn new(options: ClientOptions) -> Result<Client, Error> {
        let options = match page_origin() {
            Some(origin) => options.origin(origin),
            None => options,
        };
        Ok(Client { inner: client::Client::new(&options, WebTransport)? })
    }

    /// One page of `GET /v2/cloudimages`.
    ///
    /// ```no_run
    /// # async fn f(client: ims_client_web::Client) -> Result<(), ims_client::Error> {
    /// use ims_client::{ListImagesQuery, OsType};
    /// let page = client.list_images(&ListImagesQuery { os_type: Some(OsType::Linux), limit: Some(100), ..Default::default() }).await?;
    /// println!("{} images, next after {:?}", page.images.len(), page.next_marker);
    /// # Ok(()) }
    /// ```
    pub async fn list_images(&self, query: &ListImagesQuery) -> Result<ImagePage, Error> {
        self.inner.list_images(query).await
    }

    /// One page of `GET /v2/images`, the OpenStack-native list.
    ///
    /// ```no_run
    /// # async fn f(client: ims_client_web::Client) -> Result<(), ims_client::Error> {
    /// use ims_client::{GlanceListImagesQuery, Visibility};
    /// let page = client.glance_list_images(&GlanceListImagesQuery { visibility: Some(Visibility::Public), ..Default::default() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn glance_list_images(&self, query: &GlanceListImagesQuery) -> Result<ImagePage, Error> {
        self.inner.glance_list_images(query).await
    }

    /// One image, `GET /v2/images/{image_id}` (the id sent as one percent-encoded segment).
    ///
    /// ```no_run
    /// # async fn f(client: ims_client_web::Client) -> Result<(), ims_client::Error> {
    /// let image = client.glance_show_image("4a1b0f3e-0000-4000-8000-000000000000").await?;
    /// assert!(image.os_bit.is_none() || image.os_bit == Some(32) || image.os_bit == Some(64));
    /// # Ok(()) }
    /// ```
    pub async fn glance_show_image(&self, image_id: &str) -> Result<Image, Error> {
        self.inner.glance_show_image(image_id).await
    }

    /// Every page of `GET /v2/cloudimages`: the query re-sent with only `marker` changed, one page
    /// in memory at a time; set `page_size` or a starting `marker` before the first page.
    ///
    /// ```no_run
    /// # async fn f(client: ims_client_web::Client) -> Result<(), ims_client::Error> {
    /// use ims_client::ListImagesQuery;
    /// let mut pages = client.list_images_all(&ListImagesQuery::default()).page_size(1000);
    /// while let Some(page) = pages.next_page().await? {
    ///     for image in &page.images { let _ = &image.id; }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_images_all(&self, query: &ListImagesQuery) -> Pages<'_> {
        self.inner.list_images_all(query)
    }

    /// Every page of `GET /v2/images` (see [`Client::list_images_all`]).
    ///
    /// ```no_run
    /// # async fn f(client: ims_client_web::Client, saved: String) -> Result<(), ims_client::Error> {
    /// use ims_client::GlanceListImagesQuery;
    /// let mut pages = client.glance_list_images_all(&GlanceListImagesQuery::default()).marker(saved);
    /// let first = pages.next_page().await?;
    /// # Ok(()) }
    /// ```
    pub fn glance_list_images_all(&self, query: &GlanceListImagesQuery) -> Pages<'_> {
        self.inner.glance_list_images_all(query)
    }
}
