//! Credential and e-mail validation: any text is accepted or refused with a message, and
//! neither a refusal nor a credential's Debug/Display ever repeats the secret.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, Option<&str>)| {
    let (id, secret, email) = input;
    spotdraft::fuzzing::assert_secret_not_shown(secret, |secret| describe(id, secret, email));
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
