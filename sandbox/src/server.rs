//! The accept loop and per-connection HTTP/1.1 serving, including the
//! abortive close used by the `reset` fault.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, Notify};

use crate::dispatch::{self, Outcome};
use crate::router::{routes, Route};
use crate::state::AppState;

/// Accept connections until `shutdown` fires (or its sender is dropped).
pub(crate) async fn serve(listener: TcpListener, state: Arc<AppState>, mut shutdown: oneshot::Receiver<()>) {
    let routes: Arc<Vec<Route>> = Arc::new(routes());
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve_connection(stream, state.clone(), routes.clone()));
                }
                // E.g. too many open files: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
        }
    }
}

/// The error a service returns to make hyper drop the connection unanswered.
#[derive(Debug)]
struct ResetConnection;

impl std::fmt::Display for ResetConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset by an injected fault")
    }
}

impl std::error::Error for ResetConnection {}

async fn serve_connection(stream: TcpStream, state: Arc<AppState>, routes: Arc<Vec<Route>>) {
    state.connections.opened.fetch_add(1, Ordering::SeqCst);
    /// Counts the connection as closed however serving ends.
    struct Closed(Arc<AppState>);
    impl Drop for Closed {
        fn drop(&mut self) {
            self.0.connections.closed.fetch_add(1, Ordering::SeqCst);
        }
    }
    let _closed = Closed(state.clone());
    let reset = Arc::new(AtomicBool::new(false));
    let close_when_idle = Arc::new(Notify::new());
    let io = TokioIo::new(ResettableStream { stream, reset: reset.clone() });
    let close = close_when_idle.clone();
    let service = service_fn(move |request| {
        let state = state.clone();
        let routes = routes.clone();
        let reset = reset.clone();
        let close = close.clone();
        async move {
            match dispatch::handle(&state, &routes, request).await {
                Outcome::Respond(response) => Ok(response),
                Outcome::RespondThenClose(response, after) => {
                    // Closing later, not now: closing now would make hyper add
                    // `Connection: close` and the client would never pool the connection.
                    tokio::spawn(async move {
                        tokio::time::sleep(after).await;
                        close.notify_one();
                    });
                    Ok(response)
                }
                Outcome::Reset => {
                    reset.store(true, Ordering::SeqCst);
                    Err(ResetConnection)
                }
            }
        }
    });
    let connection = http1::Builder::new().timer(TokioTimer::new()).keep_alive(true).serve_connection(io, service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        _ = close_when_idle.notified() => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// A TCP stream that, once `reset` is set, skips the graceful shutdown and
/// closes with `SO_LINGER` 0 so the peer sees a connection reset (RST).
struct ResettableStream {
    stream: TcpStream,
    reset: Arc<AtomicBool>,
}

impl ResettableStream {
    fn is_reset(&self) -> bool {
        self.reset.load(Ordering::SeqCst)
    }
}

impl Drop for ResettableStream {
    fn drop(&mut self) {
        if self.is_reset() {
            let _ = self.stream.set_zero_linger();
        }
    }
}

impl AsyncRead for ResettableStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ResettableStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.is_reset() {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
