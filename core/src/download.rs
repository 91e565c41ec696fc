//! Streaming downloads: a pull-based stream of chunks (async `next_chunk`, or blocking
//! `std::io::Read`), and writers and files fed from it. Memory stays bounded whatever the
//! size; a file appears only when complete.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use tokio::io::AsyncWriteExt;

use crate::cancel::{or_cancelled, CancellationToken};
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::request::Request;
use crate::response::header_str;
use crate::transport::Transport;

/// How far a download has come; passed to the progress callback after every chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DownloadProgress {
    /// Bytes received so far.
    pub bytes: u64,
    /// From `Content-Length`, when the server sent one.
    pub total: Option<u64>,
}

/// A finished (or started) download: what the server said about the file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Download {
    /// Bytes received (the whole file once finished).
    pub bytes: u64,
    /// The `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// The file name the server suggested (`Content-Disposition`), if any.
    pub file_name: Option<String>,
    /// Attempts it took to get the answer started.
    pub attempts: u32,
}

/// What a progress callback answers: go on, or stop the download (it then fails with
/// `cancelled`). Implemented for `()` (always go on), `bool` (`true` goes on) and
/// `ControlFlow<()>`.
pub trait ProgressControl {
    /// Whether to go on.
    fn keep_going(self) -> bool;
}

impl ProgressControl for () {
    fn keep_going(self) -> bool {
        true
    }
}

impl ProgressControl for bool {
    fn keep_going(self) -> bool {
        self
    }
}

impl ProgressControl for ControlFlow<()> {
    fn keep_going(self) -> bool {
        self.is_continue()
    }
}

/// The body of a download, pulled chunk by chunk. Each chunk must arrive within the
/// client's attempt timeout, so a stalled server cannot hang it; a short body (less than
/// its `Content-Length`) is an error, never a silently truncated file.
pub struct DownloadStream {
    response: reqwest::Response,
    transport: Transport,
    cancel: Vec<CancellationToken>,
    idle: Duration,
    total: Option<u64>,
    info: Download,
    finished: bool,
}

impl std::fmt::Debug for DownloadStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DownloadStream").field("info", &self.info).field("total", &self.total).finish_non_exhaustive()
    }
}

impl DownloadStream {
    /// The next chunk, or `None` once the whole body has arrived.
    ///
    /// # Errors
    /// `timeout` when no data arrives for the attempt timeout, `connection` when the
    /// connection breaks or the body is shorter than announced, `cancelled`.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>> {
        if self.finished {
            return Ok(None);
        }
        let tokens: Vec<&CancellationToken> = self.cancel.iter().collect();
        let read = tokio::time::timeout(self.idle, self.response.chunk());
        let chunk = match or_cancelled(&tokens, read).await {
            None => {
                self.finished = true;
                return Err(Error::new(
                    ErrorKind::Cancelled,
                    format!("download cancelled after {} bytes", self.info.bytes),
                )
                .with_was_sent(true)
                .with_attempts(self.info.attempts));
            }
            Some(Err(_)) => {
                self.finished = true;
                return Err(Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "download stalled: no data for {} after {} bytes",
                        crate::http_error::human(self.idle),
                        self.info.bytes
                    ),
                )
                .with_was_sent(true)
                .with_attempts(self.info.attempts));
            }
            Some(Ok(Err(e))) => {
                self.finished = true;
                let cause = crate::http_error::root_cause(&e);
                let error = Error::new(
                    ErrorKind::Connection,
                    format!("download broke after {} bytes: {cause}", self.info.bytes),
                )
                .with_source(e)
                .with_was_sent(true)
                .with_attempts(self.info.attempts);
                return Err(self.transport.redact(error));
            }
            Some(Ok(Ok(chunk))) => chunk,
        };
        match chunk {
            Some(chunk) => {
                self.info.bytes += chunk.len() as u64;
                Ok(Some(chunk))
            }
            None => {
                self.finished = true;
                if let Some(total) = self.total {
                    if self.info.bytes != total {
                        return Err(Error::new(
                            ErrorKind::Connection,
                            format!("download ended after {} of {total} bytes", self.info.bytes),
                        )
                        .with_was_sent(true)
                        .with_attempts(self.info.attempts));
                    }
                }
                Ok(None)
            }
        }
    }

    /// Bytes so far and the announced total.
    pub fn progress(&self) -> DownloadProgress {
        DownloadProgress { bytes: self.info.bytes, total: self.total }
    }

    /// What the server said about the file; `bytes` counts what arrived so far.
    pub fn info(&self) -> &Download {
        &self.info
    }

    /// The summary, once the stream is done.
    pub fn into_info(self) -> Download {
        self.info
    }
}

fn content_disposition_file_name(value: &str) -> Option<String> {
    let part = value.split(';').map(str::trim).find(|p| p.to_ascii_lowercase().starts_with("filename="))?;
    let name = part["filename=".len()..].trim().trim_matches('"');
    // Only the last path component: a server must not be able to point outside a folder.
    let name = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if name.is_empty() || name == "." || name == ".." || name.chars().any(char::is_control) {
        None
    } else {
        Some(name.to_string())
    }
}

impl Client {
    /// Sends `request` and returns its body as a stream, once the answer has started
    /// (failures before that are retried as for any request of its kind).
    ///
    /// # Errors
    /// As [`Client::send`].
    pub async fn open_download(&self, request: Request) -> Result<DownloadStream> {
        let transport = self.transport();
        let streaming = transport.send_streaming(&request, self.cancel_token()).await?;
        let total = header_str(&streaming.headers, "content-length").and_then(|v| v.trim().parse().ok());
        let info = Download {
            bytes: 0,
            content_type: header_str(&streaming.headers, "content-type").map(str::to_string),
            file_name: header_str(&streaming.headers, "content-disposition").and_then(content_disposition_file_name),
            attempts: streaming.attempts,
        };
        let cancel = request.cancel.iter().chain(self.cancel_token()).cloned().collect();
        Ok(DownloadStream {
            response: streaming.response,
            transport: transport.clone(),
            cancel,
            idle: self.timeouts().attempt,
            total,
            info,
            finished: false,
        })
    }

    /// Streams the answer's body into `writer`, calling `progress` after each chunk (which
    /// may stop the download).
    ///
    /// # Errors
    /// As [`open_download`](Self::open_download) and [`DownloadStream::next_chunk`];
    /// `file` when `writer` fails; `cancelled` when `progress` stops it.
    pub async fn download<W, P>(
        &self,
        request: Request,
        writer: &mut W,
        mut progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
        P: ProgressControl,
    {
        let mut stream = self.open_download(request).await?;
        while let Some(chunk) = stream.next_chunk().await? {
            writer.write_all(&chunk).await.map_err(write_error)?;
            if !progress(stream.progress()).keep_going() {
                return Err(stopped_by_callback(&stream));
            }
        }
        writer.flush().await.map_err(write_error)?;
        Ok(stream.into_info())
    }

    /// Streams the answer's body into a file. The file appears only when the download is
    /// complete; an existing regular file is replaced only when `overwrite` is set, and
    /// anything else (a directory, a device, a FIFO, a symbolic link) never is.
    ///
    /// # Errors
    /// As [`download`](Self::download); `file` when the target is not a regular file, exists
    /// without `overwrite`, or cannot be written.
    pub async fn download_to_file<P>(
        &self,
        request: Request,
        path: &Path,
        overwrite: bool,
        progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download>
    where
        P: ProgressControl,
    {
        let partial = PartialFile::create(path, overwrite)?;
        let std_file = partial.file.try_clone().map_err(|e| Error::file("could not open the partial download", e))?;
        let mut file = tokio::fs::File::from_std(std_file);
        let download = self.download(request, &mut file, progress).await?;
        file.sync_all().await.map_err(write_error)?;
        drop(file);
        partial.commit(overwrite)?;
        Ok(download)
    }
}

pub(crate) fn stopped_by_callback(stream: &DownloadStream) -> Error {
    Error::new(
        ErrorKind::Cancelled,
        format!("download stopped by its progress callback after {} bytes", stream.info.bytes),
    )
    .with_was_sent(true)
    .with_attempts(stream.info.attempts)
}

pub(crate) fn write_error(e: std::io::Error) -> Error {
    Error::file("could not write the download", e)
}

/// A download in progress beside its destination; removed unless committed.
pub(crate) struct PartialFile {
    pub file: std::fs::File,
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

/// Refuses any destination but a new path or (with `overwrite`) an existing regular file.
/// `symlink_metadata` does not follow links: a link is refused, never written through.
fn check_destination(dest: &Path, overwrite: bool) -> Result<()> {
    let refuse = |why: String| Error::new(ErrorKind::File, why);
    let metadata = match std::fs::symlink_metadata(dest) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::file(format!("cannot check {}", dest.display()), e)),
    };
    let kind = metadata.file_type();
    if kind.is_symlink() {
        return Err(refuse(format!(
            "{} is a symbolic link; downloads never write through or replace a link: give the real path",
            dest.display()
        )));
    }
    if kind.is_dir() {
        return Err(refuse(format!("{} is a directory; give a file path", dest.display())));
    }
    if !kind.is_file() {
        return Err(refuse(format!(
            "{} is not a regular file (a device, FIFO or socket); downloads only write regular files",
            dest.display()
        )));
    }
    if !overwrite {
        return Err(refuse(format!("{} already exists; choose another path or allow overwriting", dest.display())));
    }
    Ok(())
}

impl PartialFile {
    pub(crate) fn create(dest: &Path, overwrite: bool) -> Result<PartialFile> {
        check_destination(dest, overwrite)?;
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let base = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "download".into());
        for _ in 0..16 {
            let temp = dir.join(format!(".{base}.partial-{}-{:08x}", std::process::id(), rand::random::<u32>()));
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => return Ok(PartialFile { file, temp, dest: dest.to_path_buf(), committed: false }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::file(format!("cannot write in {}", dir.display()), e)),
            }
        }
        Err(Error::new(ErrorKind::File, format!("cannot create a temporary file in {}", dir.display())))
    }

    pub(crate) fn commit(mut self, overwrite: bool) -> Result<()> {
        // Again at the end: the path may have changed while downloading.
        check_destination(&self.dest, overwrite).map_err(|e| e.prefix_message("not saved"))?;
        std::fs::rename(&self.temp, &self.dest)
            .map_err(|e| Error::file(format!("could not move the download into {}", self.dest.display()), e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_content_disposition_stay_in_the_folder() {
        assert_eq!(content_disposition_file_name("attachment; filename=\"a.pdf\""), Some("a.pdf".into()));
        assert_eq!(content_disposition_file_name("attachment; filename=../../etc/passwd"), Some("passwd".into()));
        assert_eq!(content_disposition_file_name("attachment; filename=\"..\""), None);
        assert_eq!(content_disposition_file_name("inline"), None);
    }
}
