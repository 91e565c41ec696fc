//! `spotdraft api METHOD PATH`: any request, through the same client (auth, retries, rate limit, path checks).

use std::io::{IsTerminal, Read};

use spotdraft::{Request, Response};

use crate::cli::ApiArgs;
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output;

pub fn run(ctx: &mut Context, args: ApiArgs) -> Result<()> {
    let body = args.json.as_deref().map(read_body).transpose()?;
    let client = ctx.client(None)?;
    let mut request = Request::new(args.method, args.path);
    for (key, value) in args.query {
        request = request.query(key, value);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = client.send(request)?;
    print_response(&response)
}

/// Prints an answer: JSON pretty-printed, other text as it is, binary data only when stdout is not a terminal.
pub fn print_response(response: &Response) -> Result<()> {
    let bytes = response.body();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) => output::json(&value),
        Err(_) if std::io::stdout().is_terminal() && std::str::from_utf8(bytes).is_err() => {
            let content_type = response.header("content-type").unwrap_or("unknown type");
            return Err(Failure::usage(format!(
                "the answer is {} bytes of binary data ({content_type}); not printing it to the terminal",
                bytes.len()
            ))
            .hint("redirect standard output to a file, e.g. `> contract.pdf`"));
        }
        Err(_) => write_raw(bytes),
    }
    Ok(())
}

/// `--json BODY`, `--json @FILE` or `--json @-` (standard input), parsed as JSON.
fn read_body(arg: &str) -> Result<serde_json::Value> {
    read_json_arg(arg, "--json")
}

/// A JSON argument: the text itself, `@FILE`, or `@-` (standard input); `flag` names it in errors.
pub fn read_json_arg(arg: &str, flag: &str) -> Result<serde_json::Value> {
    let (text, source) = match arg.strip_prefix('@') {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Failure::usage(format!("could not read the JSON from standard input: {e}")))?;
            (text, "standard input".to_string())
        }
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::usage(format!("could not read the JSON from {path:?}: {e}")))?;
            (text, format!("file {path:?}"))
        }
        None => (arg.to_string(), flag.to_string()),
    };
    serde_json::from_str(&text).map_err(|e| {
        Failure::usage(format!("the JSON from {source} is not valid JSON: {e}"))
            .hint(format!("pass JSON text, e.g. {flag} '{{\"name\": \"x\"}}', or @FILE to read it from a file"))
    })
}

fn write_raw(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            output::note(&format!("error: cannot write to standard output: {e}"));
            std::process::exit(1);
        }
    }
}
