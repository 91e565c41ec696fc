//! The committed include/spotdraft.h must be exactly what cbindgen makes from src/.
//! `SPOTDRAFT_BLESS_HEADER=1 cargo test -p spotdraft-c --test header` rewrites it.

use std::path::PathBuf;

#[test]
fn committed_header_matches_the_code() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not read src/")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("UTF-8 header");
    let committed_path = crate_dir.join("include/spotdraft.h");
    if std::env::var_os("SPOTDRAFT_BLESS_HEADER").is_some() {
        std::fs::write(&committed_path, &generated).expect("write include/spotdraft.h");
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/spotdraft.h differs from what the code declares; regenerate it with `make -C bindings-c header` and commit it"
    );
}
