//! The paging state of one listing, for both list operations: it re-sends the caller's own query
//! with only `marker` changed (never a `next` link, which real Glance trims of repeated parameters
//! and which could point at another origin), stops on an empty page or when the server says there
//! is no more, and fails with kind `pagination` when a marker repeats, when a marker is absurdly
//! long, or when a full page gives nothing to go on from.
//!
//! Its memory is bounded whatever the server sends: it keeps the current marker (at most
//! [`MAX_MARKER_BYTES`]) and a 16-byte digest of each marker used, searched in a sorted list.

use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind};
use crate::parse::NextPage;
use crate::query::param::ParamValue;
use crate::request::Operation;
use crate::text::{concat, int_text, json_quote};

/// The longest marker followed: far longer than any image id, shorter than what a server takes
/// in a URL. A longer one fails the listing with kind `pagination`.
pub const MAX_MARKER_BYTES: usize = 4096;

/// `byPage`'s options: a starting marker and a page size, each overriding the query's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// Start after this image.
    pub marker: Option<String>,
    /// Images per page (the query's `limit`).
    pub page_size: Option<u64>,
}

/// Where a listing is: the query, the marker of the next page, and the markers used so far.
#[derive(Debug, Clone)]
pub struct PageCursor {
    base: Operation,
    marker: Option<String>,
    /// Digests of every marker used, the starting one included, sorted.
    seen: Vec<[u8; 16]>,
    done: bool,
    pages: u64,
}

fn digest(marker: &str) -> [u8; 16] {
    let full = Sha256::digest(marker.as_bytes());
    let mut out = [0u8; 16];
    out.iter_mut().zip(full.iter()).for_each(|(o, b)| *o = *b);
    out
}

fn pagination(message: String) -> Error {
    Error::new(ErrorKind::Pagination, message)
}

impl PageCursor {
    /// The pages of `op`, a list operation (`glanceShowImage` has none). `opts` (from `byPage`)
    /// override the query's own `marker` and `limit`.
    pub fn new(mut base: Operation, opts: PageOptions) -> Result<PageCursor, Error> {
        let query_marker = match &mut base {
            Operation::ListImages(q) | Operation::GlanceListImages(q) => {
                if let Some(n) = opts.page_size {
                    if n == 0 {
                        return Err(Error::invalid("pageSize", "expected a positive integer, got 0"));
                    }
                    q.set("limit", Some(ParamValue::Int(n)));
                }
                q.marker().map(str::to_owned)
            }
            Operation::GlanceShowImage(_) => return Err(Error::invalid("operation", "glanceShowImage has no pages")),
        };
        let marker = opts.marker.or(query_marker);
        let seen = marker.iter().map(|m| digest(m)).collect();
        Ok(PageCursor { base, marker, seen, done: false, pages: 0 })
    }

    /// The request for the next page, or `None` when there are no more.
    pub fn next_operation(&self) -> Option<Operation> {
        if self.done {
            return None;
        }
        let mut op = self.base.clone();
        match &mut op {
            Operation::ListImages(q) | Operation::GlanceListImages(q) => q.set("marker", self.marker.clone().map(ParamValue::Str)),
            Operation::GlanceShowImage(_) => return None,
        };
        Some(op)
    }

    /// Records a page: how many images it held and where the next one starts.
    pub fn advance(&mut self, images: usize, next: NextPage) -> Result<(), Error> {
        self.pages = self.pages.saturating_add(1);
        let m = match next {
            _ if images == 0 => return self.end(),
            NextPage::End => return self.end(),
            NextPage::Lost => {
                self.done = true;
                return Err(pagination(concat(&[
                    "page ",
                    &int_text(self.pages),
                    " is full but its last image has no id and the server sent no marker: the next page cannot be asked for",
                ])));
            }
            NextPage::At(m) => m,
        };
        self.done = true;
        if m.len() > MAX_MARKER_BYTES {
            return Err(pagination(concat(&[
                "the server sent a marker of ",
                &int_text(m.len() as u64),
                " bytes after ",
                &int_text(self.pages),
                " pages; markers longer than ",
                &int_text(MAX_MARKER_BYTES as u64),
                " bytes are not followed",
            ])));
        }
        let d = digest(&m);
        match self.seen.binary_search(&d) {
            Ok(_) => Err(pagination(concat(&[
                "the server returned marker ",
                &json_quote(&m),
                " again after ",
                &int_text(self.pages),
                " pages; stopping to avoid a loop",
            ]))),
            Err(at) => {
                self.seen.insert(at, d);
                self.marker = Some(m);
                self.done = false;
                Ok(())
            }
        }
    }

    fn end(&mut self) -> Result<(), Error> {
        self.done = true;
        Ok(())
    }

    /// Whether there are no more pages.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Ends the listing (the caller stopped, or an error ended it) and lets its memory go.
    pub fn finish(&mut self) {
        self.done = true;
        self.marker = None;
        self.seen = Vec::new();
    }

    /// How many markers the cursor remembers (for tests of its bounds).
    pub fn remembered(&self) -> usize {
        self.seen.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ListImagesQuery;

    fn base() -> Operation {
        Operation::from(ListImagesQuery { tag: Some(vec!["a".into(), "b".into()]), limit: Some(2), ..Default::default() })
    }

    fn marker(op: &Operation) -> Option<&str> {
        match op {
            Operation::ListImages(q) => q.marker(),
            _ => None,
        }
    }

    fn at(m: &str) -> NextPage {
        NextPage::At(m.into())
    }

    #[test]
    fn walks_markers_keeping_the_query() {
        let mut p = PageCursor::new(base(), PageOptions::default()).unwrap();
        assert_eq!(marker(&p.next_operation().unwrap()), None);
        p.advance(2, at("m1")).unwrap();
        let q2 = p.next_operation().unwrap();
        assert_eq!(marker(&q2), Some("m1"));
        let Operation::ListImages(q2) = q2 else { panic!() };
        assert_eq!(q2.get("tag"), Some(&ParamValue::List(vec!["a".into(), "b".into()])), "every repeated tag is kept");
        p.advance(1, NextPage::End).unwrap();
        assert!(p.next_operation().is_none());
    }

    #[test]
    fn stops_on_an_empty_page_and_fails_on_a_repeat() {
        let mut p = PageCursor::new(base(), PageOptions::default()).unwrap();
        p.advance(0, at("m1")).unwrap();
        assert!(p.is_done());
        let mut p = PageCursor::new(base(), PageOptions::default()).unwrap();
        p.advance(2, at("m1")).unwrap();
        p.advance(2, at("m2")).unwrap();
        let e = p.advance(2, at("m1")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Pagination);
        assert!(p.next_operation().is_none());
        let mut p = PageCursor::new(base(), PageOptions { marker: Some("start".into()), page_size: Some(7) }).unwrap();
        let Some(Operation::ListImages(q)) = p.next_operation() else { panic!() };
        assert_eq!(q.limit(), Some(7));
        assert_eq!(p.advance(7, at("start")).unwrap_err().kind, ErrorKind::Pagination);
        assert!(PageCursor::new(Operation::GlanceShowImage("x".into()), PageOptions::default()).is_err());
    }

    #[test]
    fn hostile_markers_are_bounded() {
        let mut p = PageCursor::new(base(), PageOptions::default()).unwrap();
        let long = "m".repeat(MAX_MARKER_BYTES + 1);
        let e = p.advance(2, NextPage::At(long)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Pagination);
        assert!(e.message.len() < 300, "the marker is not echoed: {}", e.message);
        let mut p = PageCursor::new(base(), PageOptions::default()).unwrap();
        for i in 0..10_000 {
            p.advance(2, NextPage::At(format!("{i:0>4000}"))).unwrap();
        }
        assert_eq!(p.remembered(), 10_000, "16 bytes a marker, whatever its length");
        assert_eq!(p.advance(2, NextPage::At(format!("{:0>4000}", 1234))).unwrap_err().kind, ErrorKind::Pagination);
        let mut p = PageCursor::new(base(), PageOptions::default()).unwrap();
        assert_eq!(p.advance(2, NextPage::Lost).unwrap_err().kind, ErrorKind::Pagination);
        p.finish();
        assert_eq!(p.remembered(), 0);
    }
}
