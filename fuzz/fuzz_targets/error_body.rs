//! SpotDraft error bodies: classified by status, and scrubbed of a secret the body echoes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &[u8])| {
    let (status, body) = input;
    let status = 400 + status % 200;
    spotdraft::fuzzing::error_body(status, body, "fuzz-secret-value-0123");
    // The same body with the secret spliced in, as a hostile server would echo it.
    let mut echoed = body.to_vec();
    echoed.extend_from_slice(b"fuzz-secret-value-0123");
    spotdraft::fuzzing::error_body(status, &echoed, "fuzz-secret-value-0123");
});
