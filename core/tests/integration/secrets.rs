use std::io::Write;
use std::sync::{Arc, Mutex};

use spotdraft::{Client, Credential, Method};
use spotdraft_sandbox::{Fault, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

use crate::common::*;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[test]
fn traces_at_every_level_never_contain_the_secret() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let sandbox = sandbox();
    runtime.block_on(async {
        let client = client(&sandbox);
        sandbox.inject(fault(CONTRACTS, None, 1, status_fault(503)));
        client.request(Method::Get, CONTRACTS).send().await.unwrap();
        // A hostile server echoes the secret in headers the trace shows.
        let echo = format!("http://127.0.0.1:1/{DEMO_CLIENT_SECRET}");
        sandbox.inject(fault(CONTRACTS, None, 1, Fault::Redirect { location: echo }));
        let _ = client.request(Method::Get, CONTRACTS).send().await;
        let retry_after = Some(format!("1 {DEMO_CLIENT_SECRET}"));
        sandbox.inject(fault(CONTRACTS, None, 1, Fault::Status { status: 503, retry_after, body: None }));
        let _ = client.request(Method::Get, CONTRACTS).send().await;
        let _ = client.request(Method::Get, format!("/api/{DEMO_CLIENT_SECRET}/")).send().await;
        let wrong = Credential::new(DEMO_CLIENT_ID, "another-secret-xyz").unwrap();
        let _ = builder_for(&sandbox, wrong).build().unwrap().request(Method::Get, CONTRACTS).send().await;
    });
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("spotdraft.request"), "tracing produced nothing: {text}");
    assert!(text.contains("status=503") && text.contains("status=200"), "{text}");
    assert!(text.contains("location: http://127.0.0.1:1/[REDACTED]"), "the echoed header is traced, scrubbed: {text}");
    assert!(!text.contains(DEMO_CLIENT_SECRET), "secret in traces: {text}");
    assert!(!text.contains("another-secret-xyz"), "secret in traces: {text}");
}

#[tokio::test]
async fn a_server_echoing_the_secret_is_scrubbed() {
    let sandbox = sandbox();
    let body = serde_json::json!({
        "detail": format!("bad header client-secret={DEMO_CLIENT_SECRET}"),
        DEMO_CLIENT_SECRET: [format!("echo {DEMO_CLIENT_SECRET}")],
    });
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Status { status: 400, retry_after: None, body: Some(body) }));
    let err = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap_err();
    let everything = format!("{err} {err:?} {:?} {:?}", err.detail(), err.field_errors());
    assert!(!everything.contains(DEMO_CLIENT_SECRET), "{everything}");
    assert!(everything.contains("[REDACTED]"));
}

#[tokio::test]
async fn debug_of_clients_and_credentials_hides_the_secret() {
    let sandbox = sandbox();
    let client: Client = client(&sandbox);
    for text in [format!("{client:?}"), format!("{:?}", client.credential()), format!("{}", client.credential())] {
        assert!(!text.contains(DEMO_CLIENT_SECRET), "{text}");
    }
    let blocking = spotdraft::BlockingClient::new(builder_for(&sandbox, credential())).unwrap();
    assert!(!format!("{blocking:?}").contains(DEMO_CLIENT_SECRET));
}

#[tokio::test]
async fn error_texts_never_contain_the_secret() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let mut texts = Vec::new();
    for fault_kind in [status_fault(401), status_fault(403), status_fault(500), Fault::Reset, Fault::Truncate] {
        sandbox.inject(fault(CONTRACTS, None, 10, fault_kind));
        let err = client.request(Method::Get, CONTRACTS).send().await.unwrap_err();
        texts.push(format!("{err} {err:?}"));
        sandbox.clear_faults();
    }
    for text in texts {
        assert!(!text.contains(DEMO_CLIENT_SECRET), "{text}");
    }
}
