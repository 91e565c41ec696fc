//! Credential and e-mail validation: any text is accepted or refused with a message, and
//! neither a refusal nor a credential's Debug/Display ever repeats the secret.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, Option<&str>)| {
    let (id, secret, email) = input;
    let shown = describe(id, secret, email);
    // The text may contain the secret by coincidence (a secret of "_id is em" is inside
    // "client_id is empty", and the id and e-mail are echoed on purpose). It leaks only when
    // the same input with the secret's letters and digits shifted shows the original secret.
    let shifted: String = secret.chars().map(shift).collect();
    if shifted != secret && shown.contains(secret) {
        let control = describe(id, &shifted, email);
        assert!(control.contains(secret), "the secret is shown: {shown:?}");
    }
});

fn describe(id: &str, secret: &str, email: Option<&str>) -> String {
    let mut builder = spotdraft::Credential::builder(id, secret);
    if let Some(email) = email {
        builder = builder.user_email(email);
    }
    match builder.build() {
        Ok(credential) => format!("{credential:?} {credential}"),
        Err(error) => format!("{error} {error:?}"),
    }
}

/// A different character of the same class, so validation takes the same path.
fn shift(c: char) -> char {
    match c {
        'a'..='y' | 'A'..='Y' | '0'..='8' => (c as u8 + 1) as char,
        'z' => 'a',
        'Z' => 'A',
        '9' => '0',
        other => other,
    }
}
