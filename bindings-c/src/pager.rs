//! `spotdraft_pager`: every item of a paged list, one page request at a time.

use std::ffi::c_char;

use crate::client::spotdraft_client;
use crate::error::spotdraft_error;
use crate::ffi::{clear_out, free, give, handle, handle_mut, infallible, run, text};
use crate::status::spotdraft_status;
use crate::strings::give_string;

/// An iterator over the items of a paged list. Not thread-safe (use one per thread).
/// Freed with `spotdraft_pager_free`.
pub struct spotdraft_pager {
    inner: sd::BlockingPager<serde_json::Value>,
}

/// Starts iterating a paged GET `path` (such as `"/api/v2.1/public/contracts/"`, with
/// any filters in its query string), `page_size` items per request (1 to 100; 0: the
/// default). Nothing is sent until `spotdraft_pager_next`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_pages(
    client: *const spotdraft_client,
    path: *const c_char,
    page_size: u32,
    out: *mut *mut spotdraft_pager,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let client = handle(client, "client")?;
        let mut inner = client.inner.pages::<serde_json::Value>(text(path, "path")?, &[]);
        if page_size != 0 {
            inner = inner.page_size(page_size)?;
        }
        give(out, spotdraft_pager { inner });
        Ok(())
    })
}

/// The next item as JSON in `*item_json` (freed with `spotdraft_string_free`), or NULL
/// there when the list is done. After an error the pager is done.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_pager_next(
    pager: *mut spotdraft_pager,
    item_json: *mut *mut c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(item_json, "item_json")?;
        let pager = handle_mut(pager, "pager")?;
        if let Some(item) = pager.inner.next() {
            give_string(item_json, item?.to_string());
        }
        Ok(())
    })
}

/// Frees a pager. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_pager_free(pager: *mut spotdraft_pager) {
    infallible((), || free(pager))
}
