//! Path validation: nothing accepted can name another host or climb out of a base URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|path: &str| spotdraft::fuzzing::path(path));
