//! The paging loop's state, for both list operations: it re-sends the caller's own query with
//! only `marker` changed (never a `next` link, which real Glance trims of repeated parameters
//! and which could point at another origin), stops on an empty page or when the server says
//! there is no more, and fails with kind `pagination` when a marker repeats.

use crate::error::{Error, ErrorKind};
use crate::query::input::Input;
use crate::query::param::{ParamKind, ParamValue};
use crate::request::Operation;
use crate::text::json_quote;

/// The paging state of one list operation.
#[derive(Debug, Clone)]
pub struct Paginator {
    base: Operation,
    marker: Option<String>,
    /// Every marker used so far, the starting one included (a page per marker: few enough to
    /// search in order).
    seen: Vec<String>,
    done: bool,
    pages: u32,
}

impl Paginator {
    /// The pages of `op`, a list operation (`glanceShowImage` has none). `opts` (from `byPage`)
    /// override the query's own `marker` and `limit`.
    pub fn new(mut base: Operation, opts: PageOptions) -> Result<Paginator, Error> {
        let query_marker = match &mut base {
            Operation::ListImages(q) | Operation::GlanceListImages(q) => {
                if let Some(n) = opts.page_size {
                    q.set("limit", Some(ParamValue::Int(n)));
                }
                q.marker().map(str::to_owned)
            }
            Operation::GlanceShowImage(_) => return Err(Error::invalid("operation", "glanceShowImage has no pages")),
        };
        let marker = opts.marker.or(query_marker);
        let seen = marker.iter().cloned().collect();
        Ok(Paginator { base, marker, seen, done: false, pages: 0 })
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

    /// Records a page: how many images it held and the marker it names for the next one.
    pub fn advance(&mut self, images: usize, next_marker: Option<String>) -> Result<(), Error> {
        self.pages = self.pages.saturating_add(1);
        match next_marker {
            _ if images == 0 => self.done = true,
            None => self.done = true,
            Some(m) => {
                if self.seen.contains(&m) {
                    self.done = true;
                    return Err(Error::new(
                        ErrorKind::Pagination,
                        format!("the server returned marker {} again after {} pages; stopping to avoid a loop", json_quote(&m), self.pages),
                    ));
                }
                self.seen.push(m.clone());
                self.marker = Some(m);
            }
        }
        Ok(())
    }

    /// Whether there are no more pages.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Ends the loop (the caller stopped iterating, or an error ended it).
    pub fn finish(&mut self) {
        self.done = true;
    }
}

/// `byPage`'s options: a starting marker and a page size, each overriding the query's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// Start after this image.
    pub marker: Option<String>,
    /// Images per page (the query's `limit`).
    pub page_size: Option<u64>,
}

impl PageOptions {
    /// `{ marker?, pageSize? }`; errors name the key.
    pub fn from_input(v: &Input) -> Result<PageOptions, Error> {
        let mut out = PageOptions::default();
        for (k, v) in v.option_members("byPage", "an object")? {
            match (k.as_str(), v) {
                (_, Input::Absent) => {}
                ("marker", v) => out.marker = Some(v.string("marker")?),
                ("pageSize", v) => {
                    if let ParamValue::Int(n) = ParamKind::Positive.from_input("pageSize", v)? {
                        out.page_size = Some(n);
                    }
                }
                (other, _) => return Err(Error::invalid(other, "unknown byPage option")),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ListImagesQuery;

    fn base() -> Operation {
        Operation::from(ListImagesQuery { tag: Some(vec!["a".into(), "b".into()]), limit: Some(2), ..Default::default() })
    }

    fn marker(op: &Operation) -> Option<&str> {
        match op {
            Operation::ListImages(q) => q.marker(),
            _ => None,
        }
    }

    #[test]
    fn walks_markers_keeping_the_query() {
        let mut p = Paginator::new(base(), PageOptions::default()).unwrap();
        assert_eq!(marker(&p.next_operation().unwrap()), None);
        p.advance(2, Some("m1".into())).unwrap();
        let q2 = p.next_operation().unwrap();
        assert_eq!(marker(&q2), Some("m1"));
        let Operation::ListImages(q2) = q2 else { panic!() };
        assert_eq!(q2.get("tag"), Some(&ParamValue::List(vec!["a".into(), "b".into()])), "every repeated tag is kept");
        p.advance(1, None).unwrap();
        assert!(p.next_operation().is_none());
    }

    #[test]
    fn stops_on_an_empty_page_and_fails_on_a_repeat() {
        let mut p = Paginator::new(base(), PageOptions::default()).unwrap();
        p.advance(0, Some("m1".into())).unwrap();
        assert!(p.is_done());
        let mut p = Paginator::new(base(), PageOptions::default()).unwrap();
        p.advance(2, Some("m1".into())).unwrap();
        p.advance(2, Some("m2".into())).unwrap();
        let e = p.advance(2, Some("m1".into())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Pagination);
        assert!(p.next_operation().is_none());
        let mut p = Paginator::new(base(), PageOptions { marker: Some("start".into()), page_size: Some(7) }).unwrap();
        let Some(Operation::ListImages(q)) = p.next_operation() else { panic!() };
        assert_eq!(q.limit(), Some(7));
        assert_eq!(p.advance(7, Some("start".into())).unwrap_err().kind, ErrorKind::Pagination);
        assert!(Paginator::new(Operation::GlanceShowImage("x".into()), PageOptions::default()).is_err());
    }
}
