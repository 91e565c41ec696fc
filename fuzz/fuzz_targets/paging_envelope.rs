//! Paging envelopes and list answers decode or fail with a decode error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| spotdraft::fuzzing::list_answer(bytes));
