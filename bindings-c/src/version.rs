//! The library's version, as macros (compile time) and a function (run time).

use std::ffi::c_char;

// The version this header belongs to; read only by cbindgen (the header's macros) and the
// test below, which keeps them equal to the crate's version.
#[allow(dead_code)]
pub const SPOTDRAFT_VERSION_MAJOR: u32 = 0;
#[allow(dead_code)]
pub const SPOTDRAFT_VERSION_MINOR: u32 = 1;
#[allow(dead_code)]
pub const SPOTDRAFT_VERSION_PATCH: u32 = 0;

/// The library's version, such as `"0.1.0"` (a static string; do not free). Compare with
/// the `SPOTDRAFT_VERSION_*` macros to detect a header/library mismatch.
#[no_mangle]
pub extern "C" fn spotdraft_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macros_match_the_crate_version() {
        let expected = format!("{SPOTDRAFT_VERSION_MAJOR}.{SPOTDRAFT_VERSION_MINOR}.{SPOTDRAFT_VERSION_PATCH}");
        assert_eq!(expected, env!("CARGO_PKG_VERSION"));
        // The string macro lives in cbindgen.toml (cbindgen emits no string constants).
        let config = include_str!("../cbindgen.toml");
        let define = format!("#define SPOTDRAFT_VERSION \"{expected}\"");
        assert!(config.contains(&define), "cbindgen.toml lacks {define}");
        let runtime = unsafe { std::ffi::CStr::from_ptr(spotdraft_version()) };
        assert_eq!(runtime.to_str().unwrap(), expected);
    }
}
