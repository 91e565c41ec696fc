//! The credentials file parser: any bytes are parsed or refused, and what parses survives a
//! write and a second read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| spotdraft::fuzzing::store_file(bytes));
