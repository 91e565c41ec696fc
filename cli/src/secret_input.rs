//! Where a client secret (and a client id) may come from. Never from arguments: they are visible to every
//! process on the machine and end up in shell history.

use std::io::{BufRead, IsTerminal};

use crate::exit::{Failure, Result};
use zeroize::Zeroizing;

pub use spotdraft::store::{CLIENT_ID_ENV, CLIENT_SECRET_ENV as SECRET_ENV};

fn usage(message: impl Into<String>) -> Failure {
    Failure::usage(message)
}

/// The secret from `--secret-stdin` (first line of stdin), else `SPOTDRAFT_CLIENT_SECRET`, else a hidden prompt
/// when stdin is a terminal.
pub fn read_secret(from_stdin: bool, env: &dyn Fn(&str) -> Option<String>, prompt: &str) -> Result<Zeroizing<String>> {
    if from_stdin && !std::io::stdin().is_terminal() {
        let mut line = Zeroizing::new(String::new());
        let read = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| usage(format!("could not read the client secret from standard input: {e}")))?;
        if read == 0 {
            return Err(usage("--secret-stdin was given but standard input was empty; pipe the secret in")
                .hint("for example: printf '%s\\n' \"$SECRET\" | spotdraft credentials add NAME --secret-stdin"));
        }
        let trimmed = Zeroizing::new(strip_newline(&line).to_string());
        if trimmed.is_empty() {
            return Err(usage("the first line of standard input is empty; expected the client secret"));
        }
        return Ok(trimmed);
    }
    if !from_stdin {
        if let Some(secret) = env(SECRET_ENV).filter(|s| !s.is_empty()) {
            return Ok(Zeroizing::new(secret));
        }
    }
    // Also for `--secret-stdin` typed at a terminal: hidden rather than echoed.
    if std::io::stdin().is_terminal() {
        let secret = Zeroizing::new(
            rpassword::prompt_password(prompt).map_err(|e| usage(format!("could not read the client secret: {e}")))?,
        );
        if secret.is_empty() {
            return Err(usage("no client secret was typed"));
        }
        return Ok(secret);
    }
    Err(usage(format!(
        "no client secret: pass --secret-stdin and pipe it in, set {SECRET_ENV}, or run in a terminal to be prompted"
    ))
    .hint("there is no --client-secret flag on purpose: arguments are visible to other processes"))
}

/// The client id from the flag, else `SPOTDRAFT_CLIENT_ID`, else a visible prompt on a terminal.
pub fn read_client_id(flag: Option<&str>, env: &dyn Fn(&str) -> Option<String>) -> Result<String> {
    if let Some(id) = flag {
        return Ok(id.to_string());
    }
    if let Some(id) = env(CLIENT_ID_ENV).filter(|s| !s.is_empty()) {
        return Ok(id);
    }
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        eprint!("client id: ");
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| usage(format!("could not read the client id: {e}")))?;
        let id = strip_newline(&line).trim().to_string();
        if id.is_empty() {
            return Err(usage("no client id was typed"));
        }
        return Ok(id);
    }
    Err(usage(format!("no client id: pass --client-id ID or set {CLIENT_ID_ENV}")))
}

/// Strips one trailing `\n` or `\r\n`, nothing else (a secret's own characters are left for core to judge).
fn strip_newline(text: &str) -> &str {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.strip_suffix('\r').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_stripping() {
        assert_eq!(strip_newline("abc\n"), "abc");
        assert_eq!(strip_newline("abc\r\n"), "abc");
        assert_eq!(strip_newline("abc"), "abc");
        assert_eq!(strip_newline("abc \n"), "abc ");
    }

    #[test]
    fn env_secret_is_used() {
        let env = |k: &str| (k == SECRET_ENV).then(|| "from-env".to_string());
        assert_eq!(read_secret(false, &env, "").unwrap().as_str(), "from-env");
        let id_env = |k: &str| (k == CLIENT_ID_ENV).then(|| "id-env".to_string());
        assert_eq!(read_client_id(Some("flag"), &id_env).unwrap(), "flag");
        assert_eq!(read_client_id(None, &id_env).unwrap(), "id-env");
    }
}
