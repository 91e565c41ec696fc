//! Gives the shared library a soname, so programs link against `libspotdraft.so.0` and a
//! compatible newer library can replace it.
fn main() {
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libspotdraft.so.{major}");
}
