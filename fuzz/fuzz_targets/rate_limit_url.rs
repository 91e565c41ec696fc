//! Redis URLs for the shared rate limit: any text is accepted or refused with a message, and
//! neither a refusal nor the URL's Debug/Display ever repeats its password.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, &str, bool)| {
    let (user, password, rest, tls) = input;
    let scheme = if tls { "rediss" } else { "redis" };
    let shown = describe(&format!("{scheme}://{user}:{password}@{rest}"));
    // As in the credential target: the text may hold the password by coincidence (a password
    // of "redis" is in the scheme, the host is echoed on purpose). It leaks only when the same
    // input with the password's letters and digits shifted still shows the original password.
    let shifted: String = password.chars().map(shift).collect();
    if shifted != password && !password.is_empty() && shown.contains(password) {
        let control = describe(&format!("{scheme}://{user}:{shifted}@{rest}"));
        assert!(control.contains(password), "the password is shown: {shown:?}");
    }
});

fn describe(text: &str) -> String {
    match spotdraft::RateLimitUrl::parse(text) {
        Ok(url) => format!("{url:?} {url}"),
        Err(error) => format!("{error} {error:?}"),
    }
}

/// A different character of the same class, so parsing takes the same path.
fn shift(c: char) -> char {
    match c {
        'a'..='y' | 'A'..='Y' | '0'..='8' => (c as u8 + 1) as char,
        'z' => 'a',
        'Z' => 'A',
        '9' => '0',
        other => other,
    }
}
