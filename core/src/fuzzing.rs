//! Entry points for the fuzz targets in `fuzz/` (feature `fuzzing`, never on in normal
//! builds): the parsers and checks that read untrusted input, each with the properties a
//! target asserts besides "does not panic".

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::error::ErrorKind;
use crate::http_error::CallContext;
use crate::method::Method;
use crate::region::Endpoint;
use crate::store::format::StoreFile;

/// Parses a credentials file. A file that parses must write back out to bytes that parse
/// again to the same profiles (a save never loses what a load kept).
pub fn store_file(bytes: &[u8]) {
    let path = Path::new("fuzz-credentials.json");
    let Ok(parsed) = StoreFile::parse(bytes, path) else { return };
    let written = parsed.to_bytes().expect("a parsed store file can be written back");
    let again = StoreFile::parse(&written, path).expect("a written store file parses");
    assert_eq!(parsed.default, again.default, "the default profile changed on a round trip");
    assert_eq!(
        parsed.profiles.keys().collect::<Vec<_>>(),
        again.profiles.keys().collect::<Vec<_>>(),
        "profiles changed on a round trip"
    );
}

/// Classifies an error answer. The kind follows the status alone, and once scrubbed the
/// message never holds the secret, whatever the body echoes.
pub fn error_body(status: u16, body: &[u8], secret: &str) {
    let endpoint = Endpoint::default();
    let context = CallContext {
        method: Method::Get,
        idempotent: true,
        path: "/api/v2.1/public/contracts/",
        endpoint: &endpoint,
        user_email: None,
    };
    let error = context.status_error(status, body);
    assert_eq!(error.kind(), ErrorKind::from_status(status));
    if secret.len() >= 8 {
        let scrubbed = error.scrub(secret);
        let shown = format!("{scrubbed} {scrubbed:?} {:?}", scrubbed.field_errors());
        assert!(!shown.contains(secret), "the secret survived scrubbing");
    }
}

/// Parses `Retry-After`: a delay or none, never a panic, and a decimal number of seconds
/// is capped at a day. (How long is actually waited for is the retry policy's
/// `max_retry_after`, checked elsewhere.)
pub fn retry_after(value: &str) -> Option<Duration> {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_780_000_000);
    let delay = crate::retry::parse_retry_after(value, now);
    let decimal = value.trim().parse::<u64>().is_err() && value.trim().parse::<f64>().is_ok();
    if let (true, Some(delay)) = (decimal, delay) {
        assert!(delay <= Duration::from_secs(86_400), "{value:?} gave {delay:?}, over a day");
    }
    delay
}

/// Checks a request path. An accepted path is never an absolute URL and has no dot segment.
pub fn path(path: &str) {
    if crate::request::check_path(path).is_ok() {
        let before_query = path.split('?').next().unwrap_or_default();
        assert!(path.starts_with('/') && !path.starts_with("//"), "accepted {path:?}");
        assert!(!before_query.contains("://"), "accepted an absolute URL {path:?}");
        assert!(!before_query.split('/').any(|s| s == "." || s == ".."), "accepted a dot segment in {path:?}");
    }
}

/// Decodes a paging envelope and a list answer the way pagers and typed resources do.
pub fn list_answer(bytes: &[u8]) {
    let _ = serde_json::from_slice::<crate::Page<crate::Contract>>(bytes);
    let _ = serde_json::from_slice::<crate::Page<serde_json::Value>>(bytes);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        let _ = crate::resources::unwrap_list::<crate::Contract>(value.clone(), &["results", "items"]);
        let _ = crate::resources::unwrap_list::<serde_json::Value>(value, &["results"]);
    }
}

/// Fails when `describe` shows `secret` other than by coincidence. The text may hold the
/// secret by chance (a secret of "_id is em" is inside "client_id is empty", a password of
/// "redis" is in the scheme, and ids or hosts are echoed on purpose): it leaks only when the
/// same input with the secret's letters and digits shifted still shows the original secret.
pub fn assert_secret_not_shown(secret: &str, describe: impl Fn(&str) -> String) {
    let shown = describe(secret);
    let shifted: String = secret.chars().map(shift).collect();
    if shifted != secret && shown.contains(secret) {
        let control = describe(&shifted);
        assert!(control.contains(secret), "the secret is shown: {shown:?}");
    }
}

/// A different character of the same class, so validation takes the same path.
fn shift(c: char) -> char {
    match c {
        'a'..='y' | 'A'..='Y' | '0'..='8' => (c as u8 + 1) as char,
        'z' => 'a',
        'Z' => 'A',
        '9' => '0',
        other => other,
    }
}
