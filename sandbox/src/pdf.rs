//! A deterministic, streamed "PDF" of any size: it starts with `%PDF-1.4`,
//! ends with `%%EOF` when there is room, and is generated chunk by chunk so
//! that even very large downloads never sit in memory.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Body as HttpBody, Frame, SizeHint};

const HEADER: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n% SpotDraft sandbox contract file\n";
const FOOTER: &[u8] = b"\n%%EOF\n";
/// One 64-byte filler line, repeated.
const LINE: &[u8; 64] = b"% sandbox filler: the quick brown fox jumps over the lazy dog.\n\n";
const CHUNK: usize = 64 * 1024;

/// Streams exactly `size` bytes of deterministic content.
pub(crate) struct PdfBody {
    size: u64,
    pos: u64,
    filler: Bytes,
}

impl PdfBody {
    pub fn new(size: u64) -> Self {
        let filler: Vec<u8> = LINE.iter().copied().cycle().take(CHUNK + LINE.len()).collect();
        PdfBody { size, pos: 0, filler: Bytes::from(filler) }
    }

    fn footer_start(&self) -> u64 {
        if self.size >= (HEADER.len() + FOOTER.len()) as u64 {
            self.size - FOOTER.len() as u64
        } else {
            self.size
        }
    }

    fn next_chunk(&mut self) -> Option<Bytes> {
        if self.pos >= self.size {
            return None;
        }
        let header_len = HEADER.len() as u64;
        let footer_start = self.footer_start();
        let chunk = if self.pos < header_len {
            let end = header_len.min(self.size);
            Bytes::from_static(&HEADER[self.pos as usize..end as usize])
        } else if self.pos < footer_start {
            let offset = ((self.pos - header_len) % LINE.len() as u64) as usize;
            let len = (footer_start - self.pos).min(CHUNK as u64) as usize;
            self.filler.slice(offset..offset + len)
        } else {
            let from = (self.pos - footer_start) as usize;
            Bytes::from_static(&FOOTER[from..])
        };
        self.pos += chunk.len() as u64;
        Some(chunk)
    }
}

/// The exact bytes a download of `size` bytes serves, chunk by chunk, so a test can hash
/// what it expects without holding it in memory.
pub fn pdf_chunks(size: u64) -> impl Iterator<Item = Bytes> {
    let mut body = PdfBody::new(size);
    std::iter::from_fn(move || body.next_chunk())
}

impl HttpBody for PdfBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        Poll::Ready(self.next_chunk().map(|chunk| Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.pos >= self.size
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.size - self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(size: u64) -> Vec<u8> {
        let mut body = PdfBody::new(size);
        let mut out = Vec::new();
        while let Some(chunk) = body.next_chunk() {
            out.extend_from_slice(&chunk);
        }
        out
    }

    #[test]
    fn exact_sizes_and_shape() {
        for size in [0u64, 3, 8, 40, 60, 61, 1000, 200_000] {
            let bytes = collect(size);
            assert_eq!(bytes.len() as u64, size, "size {size}");
            if size >= 8 {
                assert!(bytes.starts_with(b"%PDF-1.4"));
            }
        }
        let big = collect(200_000);
        assert!(big.ends_with(b"%%EOF\n"));
        assert_eq!(collect(200_000), big);
    }
}
