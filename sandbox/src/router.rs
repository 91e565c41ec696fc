//! The route table and path matching, including SpotDraft's (Django's)
//! trailing-slash redirects.

use hyper::Method;

use crate::catalogue;
use crate::handlers::{self, Handler};

/// One catalogue operation: method, path template exactly as the schema
/// writes it (`{name}` matches one non-empty segment), the operation's name,
/// and its handler ([`handlers::not_emulated`] for those the sandbox does not
/// emulate).
pub(crate) struct Route {
    pub method: Method,
    /// `method` as the catalogue spells it (`"GET"`).
    pub method_name: &'static str,
    pub template: &'static str,
    pub name: &'static str,
    pub handler: Handler,
    pub emulated: bool,
}

/// The operations answered with state: `(METHOD, path template, handler)`.
/// Every entry must be a catalogue operation (a test checks it).
fn emulated() -> Vec<(&'static str, &'static str, Handler)> {
    use handlers::{
        approvals, comments, contract_types, contracts, counterparties, download, external_metadata, key_pointers,
        roles, templates, users, webhooks,
    };
    vec![
        ("GET", "/api/v2.1/public/contract_types/", contract_types::list),
        ("GET", "/api/v2.1/public/templates/", templates::list),
        ("GET", "/api/v2.1/public/templates/{template_id}/", templates::get),
        ("GET", "/api/v2.1/public/templates/{template_id}/metadata", templates::metadata),
        ("GET", "/api/v2.1/public/contracts/", contracts::list),
        ("POST", "/api/v2.1/public/contracts/", contracts::create),
        ("GET", "/api/v2.1/public/contracts/{composite_id}/status", contracts::status),
        ("POST", "/api/v2.1/public/contracts/{composite_id}/status/void", contracts::void),
        ("POST", "/api/v2.1/public/contracts/{composite_id}/mark_for_execution/", contracts::mark_for_execution),
        ("POST", "/api/v2.1/public/contracts/{composite_id}/unmark_for_execution", contracts::unmark_for_execution),
        ("POST", "/api/v2.1/public/contracts/{composite_id}/download", download::download),
        ("POST", "/api/v2.1/public/contracts/{composite_id}/download_link", download::download_link),
        ("GET", "/api/v2.1/public/contracts/{composite_id}/key_pointers", key_pointers::list),
        ("POST", "/api/v2.1/public/contracts/{composite_id}/key_pointers/bulk", key_pointers::bulk_update),
        ("GET", "/api/v2.1/public/contracts/{contract_id}/external_metadata", external_metadata::get),
        ("POST", "/api/v2.1/public/contracts/{contract_id}/external_metadata", external_metadata::set),
        (
            "GET",
            "/api/v2.1/public/contracts/by_external_metadata/{external_metadata_id}",
            contracts::by_external_metadata,
        ),
        ("GET", "/api/v2.1/public/contracts/approvals/{contract_id}/", approvals::get),
        ("POST", "/api/v2.1/public/contracts/approvals/{contract_id}/", approvals::create),
        ("GET", "/api/v2.1/public/contracts/{contract_id}/comments/", comments::list),
        ("POST", "/api/v2.1/public/contracts/{contract_id}/comments/", comments::create),
        ("GET", "/api/v2.1/public/auth/users/", users::list),
        ("GET", "/api/v2.1/public/auth/roles/", roles::list),
        ("GET", "/api/v2.1/public/counter_parties/", counterparties::list),
        ("POST", "/api/v2.1/public/counter_parties/", counterparties::create),
        ("GET", "/api/v2.1/public/counter_parties/{counterparty_id}", counterparties::get),
        ("PATCH", "/api/v2.1/public/counter_parties/{counterparty_id}", counterparties::update),
        ("POST", "/api/v2.1/public/webhooks/", webhooks::create),
        ("GET", "/api/v2.1/public/webhooks/hmac_key/", webhooks::hmac_key),
        ("DELETE", "/api/v2.1/public/webhooks/{webhook_id}", webhooks::delete),
    ]
}

fn method(name: &str) -> Method {
    Method::from_bytes(name.as_bytes()).expect("catalogue methods are valid")
}

/// Every catalogue operation, with its real handler or the 501 one; then any
/// emulated operation the catalogue lacks (which the catalogue test rejects).
pub(crate) fn routes() -> Vec<Route> {
    let mut emulated = emulated();
    let mut routes: Vec<Route> = catalogue::OPERATIONS
        .iter()
        .map(|&(name, m, template)| {
            let found = emulated.iter().position(|(em, et, _)| *em == m && *et == template);
            let handler = found.map(|i| emulated.remove(i).2);
            Route {
                method: method(m),
                method_name: m,
                template,
                name,
                handler: handler.unwrap_or(handlers::not_emulated),
                emulated: handler.is_some(),
            }
        })
        .collect();
    routes.extend(emulated.into_iter().map(|(m, template, handler)| Route {
        method: method(m),
        method_name: m,
        template,
        name: "",
        handler,
        emulated: true,
    }));
    routes
}

/// Path parameters captured from a template, e.g. `("composite_id", "T-1001")`.
pub(crate) type Params = Vec<(&'static str, String)>;

pub(crate) enum Resolution<'r> {
    Found {
        route: &'r Route,
        params: Params,
    },
    MethodNotAllowed {
        allowed: Vec<Method>,
    },
    /// The path matches only with the trailing slash toggled.
    Redirect {
        location: String,
    },
    NotFound,
}

/// Resolve a request. When several templates match (`contracts/{id}/status`
/// and `contracts/by_external_metadata/{id}`), the one with a literal segment
/// earliest where they differ wins, as in an ordered URL configuration.
pub(crate) fn resolve<'r>(routes: &'r [Route], method: &Method, path: &str, query: Option<&str>) -> Resolution<'r> {
    let matching: Vec<(&Route, Params)> =
        routes.iter().filter_map(|r| match_template(r.template, path).map(|p| (r, p))).collect();
    let best = matching
        .iter()
        .enumerate()
        .filter(|(_, (r, _))| r.method == *method)
        .max_by(|(ia, (a, _)), (ib, (b, _))| specificity(a.template).cmp(&specificity(b.template)).then(ib.cmp(ia)))
        .map(|(index, _)| index);
    if let Some(index) = best {
        let (route, params) = matching.into_iter().nth(index).expect("index is valid");
        return Resolution::Found { route, params };
    }
    if !matching.is_empty() {
        let mut allowed: Vec<Method> = matching.into_iter().map(|(r, _)| r.method.clone()).collect();
        allowed.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        allowed.dedup();
        return Resolution::MethodNotAllowed { allowed };
    }
    let alternative = toggle_trailing_slash(path);
    if routes.iter().any(|r| match_template(r.template, &alternative).is_some()) {
        let location = match query {
            Some(q) => format!("{alternative}?{q}"),
            None => alternative,
        };
        return Resolution::Redirect { location };
    }
    Resolution::NotFound
}

fn toggle_trailing_slash(path: &str) -> String {
    match path.strip_suffix('/') {
        Some(stripped) if !stripped.is_empty() => stripped.to_string(),
        _ => format!("{path}/"),
    }
}

/// Which segments of a template are literal (true) rather than `{param}`.
fn specificity(template: &str) -> Vec<bool> {
    template.split('/').map(|t| !t.starts_with('{')).collect()
}

/// Match `path` against `template` segment by segment.
fn match_template(template: &'static str, path: &str) -> Option<Params> {
    let mut template_segments = template.split('/');
    let mut path_segments = path.split('/');
    let mut params = Vec::new();
    loop {
        match (template_segments.next(), path_segments.next()) {
            (None, None) => return Some(params),
            (Some(t), Some(p)) => {
                if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    if p.is_empty() {
                        return None;
                    }
                    params.push((name, p.to_string()));
                } else if t != p {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_literally() {
        let p = match_template("/a/{id}/status", "/a/T-1/status").unwrap();
        assert_eq!(p, vec![("id", "T-1".to_string())]);
        assert!(match_template("/a/{id}/status", "/a//status").is_none());
        assert!(match_template("/a/{id}/status", "/a/1/status/").is_none());
        assert!(match_template("/a/", "/a").is_none());
    }

    #[test]
    fn resolution() {
        let routes = routes();
        let get = Method::GET;
        assert!(matches!(resolve(&routes, &get, "/api/v2.1/public/contracts/", None), Resolution::Found { .. }));
        match resolve(&routes, &get, "/api/v2.1/public/contracts", Some("page=2")) {
            Resolution::Redirect { location } => {
                assert_eq!(location, "/api/v2.1/public/contracts/?page=2")
            }
            _ => panic!("expected redirect"),
        }
        match resolve(&routes, &get, "/api/v2.1/public/contracts/T-1/status/", None) {
            Resolution::Redirect { location } => {
                assert_eq!(location, "/api/v2.1/public/contracts/T-1/status")
            }
            _ => panic!("expected redirect"),
        }
        assert!(matches!(
            resolve(&routes, &Method::DELETE, "/api/v2.1/public/contracts/", None),
            Resolution::MethodNotAllowed { .. }
        ));
        assert!(matches!(resolve(&routes, &get, "/nope", None), Resolution::NotFound));
    }

    #[test]
    fn literal_segments_win() {
        let routes = routes();
        let name = |method: &Method, path: &str| match resolve(&routes, method, path, None) {
            Resolution::Found { route, .. } => route.name,
            _ => panic!("{method} {path} not found"),
        };
        assert_eq!(
            name(&Method::GET, "/api/v2.1/public/contracts/by_external_metadata/status"),
            "contracts.by_external_metadata"
        );
        assert_eq!(
            name(&Method::PATCH, "/api/v2.1/public/contracts/7/obligations/bulk/"),
            "contracts.obligations.bulk.update"
        );
        assert_eq!(
            name(&Method::PATCH, "/api/v2.1/public/contracts/7/obligations/12/"),
            "contracts.obligations.update"
        );
        assert_eq!(name(&Method::GET, "/api/v2.1/public/contracts/T-1/status"), "contracts.status");
    }

    #[test]
    fn every_catalogue_operation_is_routed_once() {
        let routes = routes();
        assert_eq!(routes.len(), catalogue::OPERATIONS.len());
        assert!(routes.iter().all(|r| !r.name.is_empty()));
        assert!(routes.iter().filter(|r| r.emulated).count() >= 30);
    }
}
