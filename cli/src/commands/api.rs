//! `spotdraft api METHOD PATH`: any request, through the same client (auth, retries, rate limit, path checks).

use std::io::{IsTerminal, Read};

use spotdraft::{BlockingDownload, Download, Request, Response};

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
    // Streamed, not buffered: a 1 GB answer must not need 1 GB (or 4) of memory.
    let answer = client.open_download(request)?;
    print_stream(answer)
}

/// A JSON answer up to this size is pretty-printed; anything larger, and anything that is
/// not JSON, goes to standard output as it arrives.
const PRETTY_JSON_LIMIT: usize = 16 * 1024 * 1024;

fn print_stream(mut answer: BlockingDownload) -> Result<()> {
    let info = answer.info().clone();
    let is_json = info.content_type.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("json"));
    let small_enough = answer.progress().total.is_none_or(|total| total <= PRETTY_JSON_LIMIT as u64);
    let mut head = Vec::new();
    if is_json && small_enough {
        while head.len() <= PRETTY_JSON_LIMIT {
            match answer.next_chunk()? {
                Some(chunk) => head.extend_from_slice(&chunk),
                None => return print_bytes(&head, &info),
            }
        }
    }
    stream_out(head, answer, &info)
}

/// Prints an answer: JSON pretty-printed, other text as it is, binary data only when stdout is not a terminal.
pub fn print_response(response: &Response) -> Result<()> {
    let info_type = response.header("content-type").map(str::to_string);
    print_text_or_json(response.body(), info_type.as_deref())
}

fn print_bytes(bytes: &[u8], info: &Download) -> Result<()> {
    print_text_or_json(bytes, info.content_type.as_deref())
}

fn print_text_or_json(bytes: &[u8], content_type: Option<&str>) -> Result<()> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) => output::json(&value),
        Err(_) if std::io::stdout().is_terminal() => match std::str::from_utf8(bytes) {
            Ok(text) => write_raw(terminal_text(text).as_bytes()),
            Err(_) => return Err(binary_refused(bytes.len() as u64, content_type)),
        },
        Err(_) => write_raw(bytes),
    }
    Ok(())
}

/// Streams what is left of an answer to standard output: raw into a pipe or file; on a
/// terminal, text only, with control characters neutralised line by line.
fn stream_out(head: Vec<u8>, mut answer: BlockingDownload, info: &Download) -> Result<()> {
    let terminal = std::io::stdout().is_terminal();
    let mut pending = head;
    loop {
        let chunk = answer.next_chunk()?;
        let finished = chunk.is_none();
        if let Some(chunk) = chunk {
            pending.extend_from_slice(&chunk);
        }
        if !terminal {
            write_raw(&pending);
            pending.clear();
        } else {
            // Whole lines only, so a character split between chunks is not garbled.
            let cut =
                if finished { pending.len() } else { pending.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) };
            let ready: Vec<u8> = pending.drain(..cut).collect();
            match std::str::from_utf8(&ready) {
                Ok(text) => write_raw(terminal_text(text).as_bytes()),
                Err(_) => {
                    return Err(binary_refused(answer.progress().total.unwrap_or(0), info.content_type.as_deref()))
                }
            }
        }
        if finished {
            return Ok(());
        }
    }
}

/// Text for a terminal: each line with its control characters and escape sequences
/// neutralised, line breaks kept.
fn terminal_text(text: &str) -> String {
    text.split('\n').map(output::sanitize).collect::<Vec<_>>().join("\n")
}

fn binary_refused(size: u64, content_type: Option<&str>) -> Failure {
    let content_type = content_type.unwrap_or("unknown type");
    let size = if size > 0 { format!("{size} bytes of ") } else { String::new() };
    Failure::usage(format!("the answer is {size}binary data ({content_type}); not printing it to the terminal"))
        .hint("redirect standard output to a file, e.g. `> contract.pdf`")
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
