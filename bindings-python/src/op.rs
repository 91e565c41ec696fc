//! One pending piece of core work, run either by a blocking caller (the GIL released, Ctrl-C
//! checked between short waits) or by asyncio (completed through `call_soon_threadsafe`).
//! Every native method builds an `Op`, so the sync and async clients share one code path.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use spotdraft::CancellationToken;

use crate::errors::{invalid, to_py, IntoPyResult};

/// What a finished op hands to Python. Structured answers cross as JSON text, which the
/// Python side decodes with `json.loads` (C speed, and no second conversion layer here).
pub enum Out {
    /// Nothing (e.g. `void`, `delete`).
    Unit,
    /// A JSON document.
    Json(String),
    /// A full HTTP answer: (status, [(name, value)], body, attempts).
    Response(spotdraft::Response),
    /// A Python exception raised inside the work (a progress callback's), raised as is.
    Raise(PyErr),
}

impl Out {
    /// Serializes a core model (or any serializable answer) for Python.
    pub fn json<T: serde::Serialize>(value: &T) -> spotdraft::Result<Out> {
        serde_json::to_string(value).map(Out::Json).map_err(|e| {
            spotdraft::Error::new(spotdraft::ErrorKind::Decode, format!("could not encode the answer: {e}"))
        })
    }

    fn into_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(match self {
            Out::Unit => py.None(),
            Out::Raise(err) => return Err(err),
            Out::Json(text) => PyString::new(py, &text).into_any().unbind(),
            Out::Response(response) => {
                let headers = PyList::empty(py);
                for (name, value) in response.headers() {
                    headers.append((name, value))?;
                }
                let body = PyBytes::new(py, response.body());
                PyTuple::new(
                    py,
                    [
                        response.status().into_pyobject(py)?.into_any(),
                        headers.into_any(),
                        body.into_any(),
                        response.attempts().into_pyobject(py)?.into_any(),
                    ],
                )?
                .into_any()
                .unbind()
            }
        })
    }
}

/// The boxed future of an op.
pub type Job = Pin<Box<dyn Future<Output = spotdraft::Result<Out>> + Send + 'static>>;

/// Boxes a future for an [`Op`].
pub fn job<F>(future: F) -> Job
where
    F: Future<Output = spotdraft::Result<Out>> + Send + 'static,
{
    Box::pin(future)
}

/// Work not yet started. `wait()` runs it blocking; `start(done)` runs it for asyncio.
#[pyclass(module = "spotdraft._native", frozen)]
pub struct Op {
    job: Mutex<Option<Job>>,
    token: CancellationToken,
    runner: spotdraft::BlockingClient,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Op {
    /// An op whose work observes `token` (the work was built from a client bound to it), so
    /// cancelling from asyncio stops it the way core cancels: the connection is closed.
    /// `runner` is the blocking face of the client the work came from: core's `spawn` runs it
    /// on the shared, fork-aware runtime and hands back a `Pending` that cancels on drop.
    pub fn new(job: Job, token: CancellationToken, runner: spotdraft::BlockingClient) -> Op {
        Op { job: Mutex::new(Some(job)), token, runner, task: Mutex::new(None) }
    }

    fn take(&self, py: Python<'_>) -> PyResult<Job> {
        self.job
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .ok_or_else(|| invalid(py, "this operation was already run"))
    }
}

/// How long a blocking wait sleeps before checking for Ctrl-C: short enough to feel instant,
/// long enough to cost nothing.
const SIGNAL_SLICE: Duration = Duration::from_millis(50);

#[pymethods]
impl Op {
    /// Runs the work on core's shared runtime and waits with the GIL released. A pending
    /// signal (Ctrl-C) raises here; dropping the pending work then cancels the request.
    fn wait(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let job = self.take(py)?;
        let mut pending = self.runner.spawn(job).py_err(py)?;
        loop {
            let finished = py.detach(|| pending.wait_timeout(SIGNAL_SLICE));
            match finished {
                Some(Ok(out)) => return out.into_py(py),
                Some(Err(error)) => return Err(to_py(py, error)),
                None => {
                    if let Err(interrupted) = py.check_signals() {
                        self.token.cancel();
                        pending.cancel();
                        return Err(interrupted);
                    }
                }
            }
        }
    }

    /// Runs the work in the background and calls `done(ok, value)` from a runtime thread
    /// when it ends: `ok` True with the answer, or False with the exception to raise.
    fn start(&self, py: Python<'_>, done: Py<PyAny>) -> PyResult<()> {
        let job = self.take(py)?;
        let handle = spotdraft::runtime::shared_handle().py_err(py)?;
        let task = handle.spawn(async move {
            let outcome = job.await;
            // When Python is exiting nobody is left to tell (and taking the GIL would abort).
            crate::with_python(|py| {
                let delivered = match outcome {
                    Ok(out) => match out.into_py(py) {
                        Ok(value) => done.call1(py, (true, value)),
                        Err(err) => done.call1(py, (false, err.into_value(py))),
                    },
                    Err(error) => done.call1(py, (false, to_py(py, error).into_value(py))),
                };
                // The loop may be closed by now; nobody is left to tell.
                if let Err(err) = delivered {
                    err.write_unraisable(py, None);
                }
            });
        });
        *self.task.lock().unwrap_or_else(|p| p.into_inner()) = Some(task);
        Ok(())
    }

    /// Stops the work if it is still running (the request's connection is closed). `done`
    /// is then never called.
    fn cancel(&self) {
        self.token.cancel();
        if let Some(task) = self.task.lock().unwrap_or_else(|p| p.into_inner()).take() {
            task.abort();
        }
    }
}
