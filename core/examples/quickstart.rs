//! Verifies a credential and lists the first contracts.
//!
//! With `SPOTDRAFT_CLIENT_ID` and `SPOTDRAFT_CLIENT_SECRET` set (and optionally
//! `SPOTDRAFT_REGION`, `SPOTDRAFT_BASE_URL`, `SPOTDRAFT_USER_EMAIL`) it talks to SpotDraft;
//! otherwise it starts the embedded sandbox and uses its demo credential.
//!
//!     cargo run -p spotdraft --example quickstart

use spotdraft::{Client, Credential, Page, Region};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("error [{}]: {e}", e.kind());
        std::process::exit(1);
    }
}

async fn run() -> spotdraft::Result<()> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let _sandbox;
    let builder = match (env("SPOTDRAFT_CLIENT_ID"), env("SPOTDRAFT_CLIENT_SECRET")) {
        (Some(id), Some(secret)) => {
            let credential = Credential::builder(id, secret).maybe_user_email(env("SPOTDRAFT_USER_EMAIL")).build()?;
            let builder = Client::builder(credential);
            match (env("SPOTDRAFT_BASE_URL"), env("SPOTDRAFT_REGION")) {
                (Some(url), _) => builder.base_url(&url),
                (None, Some(region)) => builder.region(region.parse::<Region>()?),
                (None, None) => builder,
            }
        }
        _ => {
            let sandbox = Sandbox::start(SandboxConfig::new())
                .map_err(|e| spotdraft::Error::new(spotdraft::ErrorKind::Connection, format!("sandbox: {e}")))?;
            println!(
                "No SPOTDRAFT_CLIENT_ID/SPOTDRAFT_CLIENT_SECRET set: using the embedded sandbox at {}",
                sandbox.base_url()
            );
            let builder =
                Client::builder(Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)?).base_url(&sandbox.base_url());
            _sandbox = sandbox;
            builder
        }
    };
    let client = builder.user_agent_suffix("quickstart").build()?;
    let verified = client.verify().await?;
    println!("Credential accepted by {} ({} contract types visible)", verified.base_url, verified.contract_types);
    let page: Page<serde_json::Value> = client.get_page("/api/v2.1/public/contracts/", &[], 1, 10).await?;
    println!("{} contracts; the first {}:", page.total_results, page.results.len());
    println!("{:<10} {:<12} NAME", "ID", "STATUS");
    for contract in &page.results {
        let text = |key: &str| match &contract[key] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        println!("{:<10} {:<12} {}", text("id"), text("contract_status"), text("contract_name"));
    }
    Ok(())
}
