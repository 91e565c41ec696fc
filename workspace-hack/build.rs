// Present so the host-side feature list in [build-dependencies] takes part in resolution.
fn main() {}
