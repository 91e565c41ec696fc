//! Streaming downloads: bytes go from the socket to a writer or file chunk by chunk, so a
//! contract of hundreds of MiB never sits in memory. A file download is written beside its
//! destination and renamed into place only when complete: an existing file is never left
//! half-overwritten.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use tokio::io::AsyncWriteExt;

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::request::Request;
use crate::transport::{send_streaming, StreamingResponse};

/// How far a download has come; passed to the progress callback after every chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DownloadProgress {
    pub bytes: u64,
    /// From `Content-Length`, when the server sent one.
    pub total: Option<u64>,
}

/// A finished download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    pub bytes: u64,
    pub content_type: Option<String>,
    /// The file name the server suggested (`Content-Disposition`), if any.
    pub file_name: Option<String>,
    pub attempts: u32,
}

/// Reads the body of a streaming answer chunk by chunk; each chunk must arrive within
/// `idle` (a stalled server cannot hang the download).
pub(crate) struct BodyReader {
    response: reqwest::Response,
    idle: Duration,
    pub bytes: u64,
    pub total: Option<u64>,
    pub info: Download,
    secret: String,
}

impl BodyReader {
    pub(crate) fn new(streaming: StreamingResponse, idle: Duration, secret: &str) -> BodyReader {
        let header =
            |name: &str| streaming.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
        let total = header("content-length").and_then(|v| v.trim().parse().ok());
        let file_name = header("content-disposition").and_then(|v| content_disposition_file_name(&v));
        BodyReader {
            info: Download { bytes: 0, content_type: header("content-type"), file_name, attempts: streaming.attempts },
            response: streaming.response,
            idle,
            bytes: 0,
            total,
            secret: secret.to_string(),
        }
    }

    pub(crate) async fn next_chunk(&mut self) -> Result<Option<Bytes>> {
        let chunk = match tokio::time::timeout(self.idle, self.response.chunk()).await {
            Err(_) => {
                return Err(Error::new(
                    ErrorKind::Timeout,
                    format!("download stalled: no data for {} s after {} bytes", self.idle.as_secs(), self.bytes),
                ))
            }
            Ok(Err(e)) => {
                let cause = crate::http_error::root_cause(&e);
                return Err(Error::new(
                    ErrorKind::Connection,
                    format!("download broke after {} bytes: {cause}", self.bytes),
                )
                .scrub(&self.secret));
            }
            Ok(Ok(chunk)) => chunk,
        };
        match chunk {
            Some(chunk) => {
                self.bytes += chunk.len() as u64;
                Ok(Some(chunk))
            }
            None => {
                if let Some(total) = self.total {
                    if self.bytes != total {
                        return Err(Error::new(
                            ErrorKind::Connection,
                            format!("download ended after {} of {total} bytes", self.bytes),
                        ));
                    }
                }
                self.info.bytes = self.bytes;
                Ok(None)
            }
        }
    }

    pub(crate) fn progress(&self) -> DownloadProgress {
        DownloadProgress { bytes: self.bytes, total: self.total }
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
    pub(crate) async fn open_download(&self, request: &Request) -> Result<BodyReader> {
        let streaming = send_streaming(self, request).await?;
        Ok(BodyReader::new(
            streaming,
            self.shared.timeouts.attempt,
            self.identity.credential.client_secret().expose_secret(),
        ))
    }

    /// Streams the answer's body into `writer`, calling `progress` after each chunk.
    pub async fn download<W>(
        &self,
        request: Request,
        writer: &mut W,
        mut progress: impl FnMut(DownloadProgress),
    ) -> Result<Download>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        let mut reader = self.open_download(&request).await?;
        while let Some(chunk) = reader.next_chunk().await? {
            writer.write_all(&chunk).await.map_err(|e| write_error(&e))?;
            progress(reader.progress());
        }
        writer.flush().await.map_err(|e| write_error(&e))?;
        Ok(reader.info)
    }

    /// Streams the answer's body into a file. The file appears only when the download is
    /// complete; an existing file is replaced only when `overwrite` is set.
    pub async fn download_to_file(
        &self,
        request: Request,
        path: &Path,
        overwrite: bool,
        progress: impl FnMut(DownloadProgress),
    ) -> Result<Download> {
        let partial = PartialFile::create(path, overwrite)?;
        let mut file = tokio::fs::File::from_std(partial.file.try_clone().map_err(|e| write_error(&e))?);
        let download = self.download(request, &mut file, progress).await?;
        file.sync_all().await.map_err(|e| write_error(&e))?;
        drop(file);
        partial.commit(overwrite)?;
        Ok(download)
    }
}

pub(crate) fn write_error(e: &std::io::Error) -> Error {
    Error::new(ErrorKind::InvalidArgument, format!("could not write the download: {e}"))
}

/// A download in progress beside its destination; removed unless committed.
pub(crate) struct PartialFile {
    pub file: std::fs::File,
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl PartialFile {
    pub(crate) fn create(dest: &Path, overwrite: bool) -> Result<PartialFile> {
        if dest.is_dir() {
            return Err(Error::invalid_argument(format!("{} is a directory; give a file path", dest.display())));
        }
        if !overwrite && dest.exists() {
            return Err(Error::invalid_argument(format!(
                "{} already exists; choose another path or allow overwriting",
                dest.display()
            )));
        }
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
                Err(e) => {
                    return Err(Error::invalid_argument(format!("cannot write in {}: {e}", dir.display())));
                }
            }
        }
        Err(Error::invalid_argument(format!("cannot create a temporary file in {}", dir.display())))
    }

    pub(crate) fn commit(mut self, overwrite: bool) -> Result<()> {
        if !overwrite && self.dest.exists() {
            return Err(Error::invalid_argument(format!(
                "{} appeared while downloading; not replaced",
                self.dest.display()
            )));
        }
        std::fs::rename(&self.temp, &self.dest).map_err(|e| write_error(&e))?;
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
