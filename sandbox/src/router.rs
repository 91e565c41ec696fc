//! The route table and path matching, including SpotDraft's (Django's)
//! trailing-slash redirects.

use hyper::Method;

use crate::handlers::{self, Handler};

/// One emulated operation: method, path template exactly as the schema
/// writes it (`{name}` matches one non-empty segment), and its handler.
pub(crate) struct Route {
    pub method: Method,
    pub template: &'static str,
    pub handler: Handler,
}

fn route(method: Method, template: &'static str, handler: Handler) -> Route {
    Route { method, template, handler }
}

/// The emulated operations.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        route(Method::GET, "/api/v2.1/public/contract_types/", handlers::contract_types::list),
        route(Method::GET, "/api/v2.1/public/templates/", handlers::templates::list),
        route(Method::GET, "/api/v2.1/public/contracts/", handlers::contracts::list),
        route(Method::GET, "/api/v2.1/public/contracts/{composite_id}/status", handlers::contracts::status),
        route(Method::POST, "/api/v2.1/public/contracts/{composite_id}/download", handlers::download::download),
        route(Method::GET, "/api/v2.1/public/auth/users/", handlers::users::list),
    ]
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

pub(crate) fn resolve<'r>(routes: &'r [Route], method: &Method, path: &str, query: Option<&str>) -> Resolution<'r> {
    let matching: Vec<(&Route, Params)> =
        routes.iter().filter_map(|r| match_template(r.template, path).map(|p| (r, p))).collect();
    if let Some(index) = matching.iter().position(|(r, _)| r.method == *method) {
        let (route, params) = matching.into_iter().nth(index).expect("index is valid");
        return Resolution::Found { route, params };
    }
    if !matching.is_empty() {
        let mut allowed: Vec<Method> = matching.into_iter().map(|(r, _)| r.method.clone()).collect();
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
}
