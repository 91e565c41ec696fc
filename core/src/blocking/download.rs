//! A download as `std::io::Read`, for synchronous callers (C read loops, Python files).

use bytes::{Buf, Bytes};

use crate::download::{stopped_by_callback, write_error, Download, DownloadProgress, DownloadStream, ProgressControl};
use crate::error::Result;
use crate::runtime::Executor;

/// The body of a download, read chunk by chunk from the blocking side. Read errors are
/// `std::io::Error`s wrapping the crate's [`Error`](crate::Error) (get it back with
/// `into_inner` and `downcast`).
pub struct BlockingDownload {
    executor: Executor,
    stream: Option<DownloadStream>,
    current: Bytes,
    info: Download,
    progress: DownloadProgress,
}

impl std::fmt::Debug for BlockingDownload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingDownload").field("info", &self.info).finish_non_exhaustive()
    }
}

impl BlockingDownload {
    pub(crate) fn new(executor: Executor, stream: DownloadStream) -> BlockingDownload {
        BlockingDownload {
            executor,
            info: stream.info().clone(),
            progress: stream.progress(),
            stream: Some(stream),
            current: Bytes::new(),
        }
    }

    /// The next chunk, or `None` at the end.
    ///
    /// # Errors
    /// As [`DownloadStream::next_chunk`].
    pub fn next_chunk(&mut self) -> Result<Option<Bytes>> {
        if !self.current.is_empty() {
            return Ok(Some(std::mem::take(&mut self.current)));
        }
        let Some(mut stream) = self.stream.take() else {
            return Ok(None);
        };
        let (stream, chunk) = self.executor.run(async move {
            let chunk = stream.next_chunk().await;
            (stream, chunk)
        })?;
        self.info = stream.info().clone();
        self.progress = stream.progress();
        let chunk = chunk?;
        if chunk.is_some() {
            self.stream = Some(stream);
        }
        Ok(chunk)
    }

    /// Bytes so far and the announced total.
    pub fn progress(&self) -> DownloadProgress {
        self.progress
    }

    /// What the server said about the file; `bytes` counts what arrived so far.
    pub fn info(&self) -> &Download {
        &self.info
    }

    /// Copies the rest into `writer`, calling `progress` after each chunk.
    ///
    /// # Errors
    /// As [`next_chunk`](Self::next_chunk); `file` when `writer` fails; `cancelled` when
    /// `progress` stops it.
    pub fn copy_to<P: ProgressControl>(
        mut self,
        writer: &mut dyn std::io::Write,
        mut progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download> {
        while let Some(chunk) = self.next_chunk()? {
            writer.write_all(&chunk).map_err(write_error)?;
            if !progress(self.progress).keep_going() {
                let stream = self.stream.take();
                return Err(match &stream {
                    Some(stream) => stopped_by_callback(stream),
                    None => crate::Error::new(crate::ErrorKind::Cancelled, "download stopped by its progress callback"),
                });
            }
        }
        writer.flush().map_err(write_error)?;
        Ok(self.info)
    }
}

impl std::io::Read for BlockingDownload {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.current.is_empty() {
            match self.next_chunk() {
                Ok(Some(chunk)) => self.current = chunk,
                Ok(None) => return Ok(0),
                Err(e) => return Err(std::io::Error::other(e)),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        self.current.advance(n);
        Ok(n)
    }
}
