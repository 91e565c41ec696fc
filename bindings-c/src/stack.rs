//! Where a blocking call does its work. Polling the request on the caller's own thread
//! saves a hand-off to the runtime and back (about a third of the per-request cost on
//! loopback, see bench/), but needs stack; C threads may have small ones. So the caller's
//! thread is used only when it has plenty of stack left, else the work goes to the
//! runtime's threads, which is always safe.

use std::cell::Cell;
use std::future::Future;

use sd::BlockingClient;

/// Stack the request future may use when polled on the caller's thread. Generous: an
/// unoptimised build's futures are several times larger than a release build's.
const ENOUGH_STACK: usize = 1024 * 1024;

thread_local! {
    /// The lowest address of this thread's stack; 0 when unknown. Asked once per thread
    /// (for the main thread glibc reads /proc/self/maps).
    static STACK_LOW: Cell<Option<usize>> = const { Cell::new(None) };
}

fn stack_low() -> usize {
    STACK_LOW.with(|low| {
        if let Some(known) = low.get() {
            return known;
        }
        let found = query_stack_low().unwrap_or(0);
        low.set(Some(found));
        found
    })
}

/// Elsewhere (macOS has no `pthread_getattr_np`) the stack is unknown, so every call goes
/// to the runtime's threads.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn query_stack_low() -> Option<usize> {
    None
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn query_stack_low() -> Option<usize> {
    // SAFETY: plain pthread queries on the current thread, with an attribute object that
    // is initialised by pthread_getattr_np and destroyed here.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut base: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut base, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        (rc == 0 && !base.is_null()).then_some(base as usize)
    }
}

fn has_enough_stack() -> bool {
    let low = stack_low();
    let marker = 0u8;
    let here = std::ptr::addr_of!(marker) as usize;
    low != 0 && here.saturating_sub(low) >= ENOUGH_STACK
}

/// Runs `future` to completion for a blocking C caller: on this thread when its stack
/// allows, else on the runtime's threads.
pub(crate) fn run_blocking<T, F>(client: &BlockingClient, future: F) -> sd::Result<T>
where
    F: Future<Output = sd::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    if has_enough_stack() {
        client.block_on(future)
    } else {
        client.run(future)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_stacks_are_used_and_small_ones_are_not() {
        let big = std::thread::Builder::new().stack_size(8 << 20).spawn(has_enough_stack).unwrap();
        assert!(big.join().unwrap());
        let small = std::thread::Builder::new().stack_size(128 << 10).spawn(has_enough_stack).unwrap();
        assert!(!small.join().unwrap());
    }
}
