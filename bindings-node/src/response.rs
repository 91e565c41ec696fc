//! A successful answer with its whole body, kept as bytes until JavaScript asks for them.

use std::collections::HashMap;

use napi::bindgen_prelude::Buffer;
use napi_derive::napi;

use crate::errors::IntoNapi;

#[napi]
pub struct NativeResponse {
    pub(crate) inner: spotdraft::Response,
}

#[napi]
impl NativeResponse {
    #[napi(getter)]
    pub fn status(&self) -> u32 {
        u32::from(self.inner.status())
    }

    #[napi(getter)]
    pub fn attempts(&self) -> u32 {
        self.inner.attempts()
    }

    /// Header names lowercased; the first value of each.
    #[napi]
    pub fn headers(&self) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for (name, value) in self.inner.headers() {
            out.entry(name.to_string()).or_insert_with(|| value.to_string());
        }
        out
    }

    /// The body as UTF-8 text (`decode` error when it is not).
    #[napi]
    pub fn text(&self) -> napi::Result<String> {
        self.inner.text().napi().map(str::to_string)
    }

    /// A copy of the body bytes.
    #[napi]
    pub fn bytes(&self) -> Buffer {
        Buffer::from(self.inner.body().to_vec())
    }
}
