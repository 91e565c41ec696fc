//! The native end of an `AbortSignal`: the JavaScript layer cancels it on `abort`, and the
//! core drops the in-flight request, closing its connection.

use napi_derive::napi;

#[napi]
#[derive(Default)]
pub struct CancelToken {
    pub(crate) inner: spotdraft::CancellationToken,
}

#[napi]
impl CancelToken {
    #[napi(constructor)]
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    #[napi]
    pub fn cancel(&self) {
        self.inner.cancel();
    }

    #[napi(getter)]
    pub fn cancelled(&self) -> bool {
        self.inner.is_cancelled()
    }
}

/// The core token behind an optional JavaScript one.
pub fn token_of(token: Option<&CancelToken>) -> Option<spotdraft::CancellationToken> {
    token.map(|t| t.inner.clone())
}
