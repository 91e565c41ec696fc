//! The sandbox knows every catalogue operation: the emulated ones are
//! catalogue operations, every other one answers 501 (after authentication),
//! and the sandbox's generated table matches the core's.

mod common;

use std::collections::BTreeSet;

use common::{request, sandbox, AUTH};
use spotdraft_sandbox::emulated_operations;

// The sandbox's generated table (`OPERATIONS`), read as the test sees it.
include!("../src/catalogue.rs");

/// A concrete path for a template: every `{param}` becomes `7`.
fn concrete(template: &str) -> String {
    template.split('/').map(|s| if s.starts_with('{') { "7" } else { s }).collect::<Vec<_>>().join("/")
}

fn catalogue() -> BTreeSet<(&'static str, &'static str, &'static str)> {
    OPERATIONS.iter().copied().collect()
}

#[test]
fn table_is_sorted_unique_and_v2_1() {
    assert_eq!(OPERATIONS.len(), 102);
    assert_eq!(catalogue().len(), OPERATIONS.len());
    assert!(OPERATIONS.windows(2).all(|w| w[0].0 < w[1].0), "sorted by name, unique names");
    for (name, method, path) in OPERATIONS {
        assert!(path.starts_with("/api/v2.1/public/"), "{name}");
        assert!(["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method), "{name}");
    }
}

/// The same (name, method, path) triples as the core's generated table (read
/// as text, so the sandbox does not depend on the core crate).
#[test]
fn table_matches_the_core_catalogue() {
    let core = include_str!("../../core/src/catalogue/operations.rs");
    let field = |line: &str, key: &str| -> Option<String> {
        let rest = line.trim().strip_prefix(key)?.trim().trim_end_matches(',');
        Some(rest.trim_matches('"').to_string())
    };
    let mut triples = BTreeSet::new();
    let (mut name, mut method) = (None, None);
    for line in core.lines() {
        if let Some(n) = field(line, "name:") {
            name = Some(n);
        } else if let Some(m) = field(line, "method:") {
            method = Some(m.trim_start_matches("Method::").to_ascii_uppercase());
        } else if let Some(p) = field(line, "path:") {
            triples.insert((name.take().unwrap(), method.take().unwrap(), p));
        }
    }
    let ours: BTreeSet<(String, String, String)> =
        OPERATIONS.iter().map(|(n, m, p)| (n.to_string(), m.to_string(), p.to_string())).collect();
    assert_eq!(triples, ours, "regenerate both with scripts/gen_catalogue.py");
}

#[test]
fn every_emulated_operation_is_in_the_catalogue() {
    let catalogue = catalogue();
    let emulated = emulated_operations();
    assert!(emulated.len() >= 28, "{}", emulated.len());
    for op in &emulated {
        assert!(catalogue.contains(op), "{op:?} is not a catalogue operation");
    }
    let unique: BTreeSet<_> = emulated.iter().collect();
    assert_eq!(unique.len(), emulated.len());
}

#[test]
fn operations_not_emulated_answer_501_after_authentication() {
    let sb = sandbox();
    let emulated: BTreeSet<_> = emulated_operations().into_iter().collect();
    let mut not_emulated = 0;
    for op @ (name, method, template) in OPERATIONS.iter().copied() {
        if emulated.contains(&op) {
            continue;
        }
        not_emulated += 1;
        let path = concrete(template);
        let r = request(&sb, method, &path, &[], b"");
        assert_eq!(r.status, 401, "{method} {path} without credentials");
        let r = request(&sb, method, &path, &AUTH, b"{}");
        assert_eq!(r.status, 501, "{method} {path}");
        assert_eq!(r.header("content-type"), Some("application/json"));
        let body = r.json();
        assert_eq!(body["status_code"], 501);
        assert_eq!(body["code"], "SD_SANDBOX_NOT_EMULATED");
        assert_eq!(body["message"], format!("{name} ({method} {template}) is not emulated by the SpotDraft sandbox"));
        assert!(body["detail"].as_str().unwrap().contains("not emulated by the sandbox"), "{body}");
    }
    assert_eq!(not_emulated, OPERATIONS.len() - emulated.len());
}

#[test]
fn emulated_operations_need_credentials_and_are_never_501() {
    let sb = sandbox();
    for (name, method, template) in emulated_operations() {
        let path = concrete(template);
        let r = request(&sb, method, &path, &[], b"");
        assert_eq!(r.status, 401, "{name}: {method} {path} without credentials");
        let r = request(&sb, method, &path, &AUTH, b"{}");
        assert!(![404, 405, 501].contains(&r.status) || r.json()["code"].is_string(), "{name}: {}", r.status);
        assert_ne!(r.status, 501, "{name}");
    }
}

#[test]
fn catalogue_paths_are_never_a_plain_404() {
    let sb = sandbox();
    for (name, method, template) in OPERATIONS.iter().copied() {
        let r = request(&sb, method, &concrete(template), &AUTH, b"{}");
        let plain_404 = r.status == 404 && r.json().get("code").is_none();
        assert!(!plain_404, "{name}: {method} {template} answered a bare 404");
    }
}

/// The query parameters the sandbox accepts for each emulated operation are
/// exactly those the core catalogue (generated from the schema) lists for it.
#[test]
fn accepted_query_parameters_match_the_core_catalogue() {
    let core = include_str!("../../core/src/catalogue/operations.rs");
    let field = |line: &str, key: &str| -> Option<String> {
        Some(line.trim().strip_prefix(key)?.trim().trim_end_matches(',').to_string())
    };
    let mut documented = std::collections::BTreeMap::new();
    let (mut method, mut path) = (None, None);
    for line in core.lines() {
        if let Some(m) = field(line, "method:") {
            method = Some(m.trim_start_matches("Method::").to_ascii_uppercase());
        } else if let Some(p) = field(line, "path:") {
            path = Some(p.trim_matches('"').to_string());
        } else if let Some(q) = field(line, "query_params:") {
            let names: BTreeSet<String> = q
                .trim_start_matches("&[")
                .trim_end_matches(']')
                .split(", ")
                .filter(|n| !n.is_empty())
                .map(|n| n.trim_matches('"').to_string())
                .collect();
            documented.insert((method.take().unwrap(), path.take().unwrap()), names);
        }
    }
    for (name, method, template) in emulated_operations() {
        let ours: BTreeSet<String> =
            spotdraft_sandbox::documented_query_parameters(method, template).into_iter().collect();
        let theirs = &documented[&(method.to_string(), template.to_string())];
        assert_eq!(&ours, theirs, "{name}");
    }
}
