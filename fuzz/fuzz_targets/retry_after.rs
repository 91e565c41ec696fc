//! `Retry-After` parsing: any header value gives a delay or none, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: &str| {
    let _ = spotdraft::fuzzing::retry_after(value);
});
