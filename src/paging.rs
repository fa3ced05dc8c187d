//! The paging loop's state, for both list operations: it re-sends the caller's own query with
//! only `marker` changed (never a `next` link, which real Glance trims of repeated parameters
//! and which could point at another origin), stops on an empty page or when the server says
//! there is no more, and fails with kind `pagination` when a marker repeats.

use std::collections::HashSet;

use crate::error::{Error, ErrorKind};
use crate::query::Query;

#[derive(Debug, Clone)]
pub struct Paginator<Q: Query> {
    base: Q,
    marker: Option<String>,
    seen: HashSet<String>,
    done: bool,
    pages: u32,
}

impl<Q: Query> Paginator<Q> {
    /// `marker` and `page_size` (from `byPage`) override the query's own.
    pub fn new(mut base: Q, marker: Option<String>, page_size: Option<u64>) -> Paginator<Q> {
        if page_size.is_some() {
            base.set_limit(page_size);
        }
        let marker = marker.or_else(|| base.marker().map(str::to_owned));
        // Every marker used so far, the starting one included.
        let seen = marker.iter().cloned().collect();
        Paginator { base, marker, seen, done: false, pages: 0 }
    }

    /// The query for the next page, or `None` when there are no more.
    pub fn next_query(&self) -> Option<Q> {
        if self.done {
            return None;
        }
        let mut q = self.base.clone();
        q.set_marker(self.marker.clone());
        Some(q)
    }

    /// Records a page: how many images it held and the marker it names for the next one.
    pub fn advance(&mut self, images: usize, next_marker: Option<String>) -> Result<(), Error> {
        self.pages += 1;
        match next_marker {
            _ if images == 0 => self.done = true,
            None => self.done = true,
            Some(m) => {
                if !self.seen.insert(m.clone()) {
                    self.done = true;
                    return Err(Error::new(
                        ErrorKind::Pagination,
                        format!("the server returned marker {m:?} again after {} pages; stopping to avoid a loop", self.pages),
                    ));
                }
                self.marker = Some(m);
            }
        }
        Ok(())
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Ends the loop (the caller stopped iterating, or an error ended it).
    pub fn finish(&mut self) {
        self.done = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ListImagesQuery;

    fn base() -> ListImagesQuery {
        ListImagesQuery { tag: Some(vec!["a".into(), "b".into()]), limit: Some(2), ..Default::default() }
    }

    #[test]
    fn walks_markers_keeping_the_query() {
        let mut p = Paginator::new(base(), None, None);
        let q1 = p.next_query().unwrap();
        assert_eq!(q1.marker, None);
        p.advance(2, Some("m1".into())).unwrap();
        let q2 = p.next_query().unwrap();
        assert_eq!(q2.marker.as_deref(), Some("m1"));
        assert_eq!(q2.tag, base().tag, "every repeated tag is kept");
        p.advance(1, None).unwrap();
        assert!(p.next_query().is_none());
    }

    #[test]
    fn stops_on_an_empty_page_and_fails_on_a_repeat() {
        let mut p = Paginator::new(base(), None, None);
        p.advance(0, Some("m1".into())).unwrap();
        assert!(p.is_done());
        let mut p = Paginator::new(base(), None, None);
        p.advance(2, Some("m1".into())).unwrap();
        p.advance(2, Some("m2".into())).unwrap();
        let e = p.advance(2, Some("m1".into())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Pagination);
        assert!(p.next_query().is_none());
        let mut p = Paginator::new(base(), Some("start".into()), Some(7));
        assert_eq!(p.next_query().unwrap().limit, Some(7));
        assert_eq!(p.advance(7, Some("start".into())).unwrap_err().kind, ErrorKind::Pagination);
    }
}
