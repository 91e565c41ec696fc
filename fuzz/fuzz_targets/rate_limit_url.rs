//! Redis URLs for the shared rate limit: any text is accepted or refused with a message, and
//! neither a refusal nor the URL's Debug/Display ever repeats its password.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, &str, bool)| {
    let (user, password, rest, tls) = input;
    let scheme = if tls { "rediss" } else { "redis" };
    spotdraft::fuzzing::assert_secret_not_shown(password, |password| {
        describe(&format!("{scheme}://{user}:{password}@{rest}"))
    });
});

fn describe(text: &str) -> String {
    match spotdraft::RateLimitUrl::parse(text) {
        Ok(url) => format!("{url:?} {url}"),
        Err(error) => format!("{error} {error:?}"),
    }
}
