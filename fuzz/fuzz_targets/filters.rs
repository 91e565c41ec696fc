//! The filter builder: any field names and values give a query or a clear refusal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotdraft::{FilterOp, Filters};

fuzz_target!(|input: Vec<(&str, u8, &str)>| {
    let mut filters = Filters::new();
    for (field, op, value) in &input {
        let op = match op % 7 {
            0 => FilterOp::parse("eq"),
            1 => FilterOp::parse("ne"),
            2 => FilterOp::parse("gt"),
            3 => FilterOp::parse("gte"),
            4 => FilterOp::parse("lt"),
            5 => FilterOp::parse("lte"),
            _ => FilterOp::parse(value),
        };
        filters = match op {
            Ok(op) => filters.op(field, op, value),
            Err(_) => filters.custom(field, value),
        };
    }
    if let Ok(query) = filters.into_query() {
        for (name, _) in query {
            assert!(name.starts_with("filter"), "unexpected parameter {name:?}");
        }
    }
});
