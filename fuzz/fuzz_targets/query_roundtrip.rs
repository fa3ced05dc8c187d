//! Any query input (the bindings' JSON form): validation never panics, and a valid query survives
//! the wire: encoded, decoded as a server would, validated again, it is the same query.
#![no_main]
use ims_client::percent::parse_query;
use ims_client::query::QueryValues;
use ims_client::{interop, GlanceListImagesQuery, Input, ListImagesQuery, Query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(input) = Input::from_json_text(text) else { return };
    for (op, params) in [(ListImagesQuery::OPERATION, ListImagesQuery::PARAMS), (GlanceListImagesQuery::OPERATION, GlanceListImagesQuery::PARAMS)] {
        let Ok(q) = interop::query_values(op, params, &input) else { continue };
        let wire = q.to_query_string();
        let back = QueryValues::from_pairs(op, params, &parse_query(&wire)).expect("what we encode, we can read back");
        assert_eq!(back.to_query_string(), wire, "the round trip changed the query");
    }
});
