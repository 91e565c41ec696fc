//! The resource commands (contracts, templates, counterparties, users, roles, webhooks, ops, call) end to end:
//! the `spotdraft` binary against an in-process sandbox, with the credential in the environment. Each test ends by
//! checking that no secret appeared in any output.

mod common;

use std::path::Path;

use common::Harness;
use serde_json::Value;
use spotdraft::webhook::{self, WebhookKey};
use spotdraft_sandbox::{Fault, FaultRule};

fn ids(list: &Value) -> Vec<String> {
    list.as_array().expect("a JSON array").iter().map(|c| c["id"].to_string().trim_matches('"').to_string()).collect()
}

fn statuses(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|c| c["contract_status"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn contracts_list_filters_get_and_status() {
    let h = Harness::new();

    let table = h.api(&["contracts", "list", "--status", "EXECUTED", "--limit", "5"]).ok();
    assert!(table.stdout.starts_with("ID") && table.stdout.contains("STATUS"), "{}", table.stdout);
    assert_eq!(table.stdout.lines().count(), 6, "{}", table.stdout);
    assert!(table.stdout.lines().skip(1).all(|l| l.contains("EXECUTED")), "{}", table.stdout);
    assert!(table.stderr.contains("page 1 of 5 (22 contracts)"), "{}", table.stderr);

    let page = h.api(&["--output", "json", "contracts", "list", "--status", "EXECUTED", "--limit", "100"]).ok().json();
    assert_eq!(page["total_results"], 22);
    assert!(statuses(&page["results"]).iter().all(|s| s == "EXECUTED"));

    // Several --status: any of them ($in); --all walks every page.
    let either = h
        .api(&["--output", "json", "contracts", "list", "--status", "DRAFT", "--status", "VOIDED", "--all"])
        .ok()
        .json();
    assert_eq!(either.as_array().unwrap().len(), 15);
    assert!(statuses(&either).iter().all(|s| s == "DRAFT" || s == "VOIDED"), "{either}");

    // --filter FIELD[$op]=VALUE and FIELD=VALUE, together with --status.
    let filtered = h
        .api(&[
            "--output",
            "json",
            "contracts",
            "list",
            "--all",
            "--limit",
            "7",
            "--status",
            "DRAFT",
            "--filter",
            "contract_type_id[$in]=101,102",
        ])
        .ok()
        .json();
    let items = filtered.as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|c| c["contract_status"] == "DRAFT" && (c["contract_type_id"] == 101 || c["contract_type_id"] == 102)));
    let one = h.api(&["--output", "json", "contracts", "list", "--filter", "contract_id=T-1001"]).ok().json();
    assert_eq!(ids(&one["results"]), ["T-1001"]);
    let sent = h.sandbox.requests().last().unwrap().query.clone().unwrap_or_default();
    assert!(sent.contains("filter__contract_id"), "{sent}");
    h.api(&["contracts", "list", "--filter", "contract_id[$like]=1"]).code(2);
    h.api(&["contracts", "list", "--filter", "no-value"]).code(2);
    h.api(&["contracts", "list", "--filter", "a]&b=1"]).code(2);

    let got = h.api(&["contracts", "get", "T-1001"]).ok();
    assert!(got.stdout.starts_with("id:") && got.stdout.contains("T-1001"), "{}", got.stdout);
    assert!(got.stdout.contains("contract_status:"), "{}", got.stdout);
    let got = h.api(&["--output", "json", "contracts", "get", "T-1001"]).ok().json();
    assert_eq!(got["id"], "T-1001");
    let missing = h.api(&["contracts", "get", "T-999999"]).code(4);
    assert!(missing.stderr.contains("(kind: not_found)"), "{}", missing.stderr);
    h.api(&["contracts", "get", "X-1"]).code(2);

    let status = h.api(&["contracts", "status", "T-1001"]).ok();
    assert!(status.stdout.contains("contract_status:"), "{}", status.stdout);
    let status = h.api(&["--output", "json", "contracts", "status", "T-1001"]).ok().json();
    assert_eq!(status["contract_status"], got["contract_status"]);
    h.assert_no_secret_leaked();
}

#[test]
fn create_list_void_comment_and_external_id() {
    let h = Harness::new();
    let templates = h.api(&["--output", "json", "templates", "list"]).ok().json();
    let template = templates[0]["id"].to_string();

    let created = h
        .api(&[
            "--output",
            "json",
            "contracts",
            "create",
            "--template",
            &template,
            "--field",
            "customer_name=Initech",
            "--data",
            r#"{"amount": 1200}"#,
            "--external-id",
            "cli-ext-1",
        ])
        .ok();
    assert!(created.stderr.contains("created "), "{}", created.stderr);
    let id = created.json()["id"].as_str().expect("created contract id").to_string();

    let first = h.api(&["--output", "json", "contracts", "list", "--limit", "5"]).ok().json();
    assert!(ids(&first["results"]).contains(&id), "the new contract is listed: {first}");
    let table = h.api(&["contracts", "list", "--limit", "5"]).ok();
    assert!(table.stdout.contains(&id), "{}", table.stdout);
    let linked = h.api(&["--output", "json", "contracts", "by-external-id", "cli-ext-1"]).ok().json();
    assert!(ids(&linked).contains(&id), "{linked}");
    let none = h.api(&["contracts", "by-external-id", "nothing-here"]).ok();
    assert!(none.stderr.contains("no contract"), "{}", none.stderr);

    let voided = h.api(&["contracts", "void", &id, "--note", "duplicate"]).ok();
    assert_eq!(voided.stdout.trim(), format!("voided {id}"));
    let status = h.api(&["--output", "json", "contracts", "status", &id]).ok().json();
    assert_eq!(status["contract_status"], "VOIDED");
    h.api(&["contracts", "void", &id, "--note", "again"]).code(5);
    h.api(&["contracts", "void", &id]).code(2);

    let added = h.api(&["contracts", "comment", &id, "please review"]).ok();
    assert!(added.stdout.contains("please review"), "{}", added.stdout);
    let comments = h.api(&["--output", "json", "contracts", "comments", &id, "--all"]).ok().json();
    assert!(comments.as_array().unwrap().iter().any(|c| c["comment"] == "please review"), "{comments}");
    let table = h.api(&["contracts", "comments", &id]).ok();
    assert!(table.stdout.starts_with("ID") && table.stdout.contains("please review"), "{}", table.stdout);
    h.api(&["contracts", "comment", &id, " "]).code(2);

    // Bad input is refused before anything is sent; an unknown template is the server's validation error.
    h.api(&["contracts", "create", "--template", &template, "--data", "[1]"]).code(2);
    h.api(&["contracts", "create", "--template", &template, "--data", "@/nonexistent.json"]).code(2);
    h.api(&["contracts", "create", "--template", &template, "--field", "novalue"]).code(2);
    let refused = h.api(&["contracts", "create", "--template", "987654"]).code(5);
    assert!(refused.stderr.contains("(kind: validation)"), "{}", refused.stderr);
    let help = h.run(&["contracts", "create", "--help"]).ok();
    assert!(help.stdout.contains("never retried") && help.stdout.contains("by-external-id"), "{}", help.stdout);
    h.assert_no_secret_leaked();
}

fn partial_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect()
}

#[test]
fn download_to_a_file_refuses_overwrite_and_leaves_nothing_when_truncated() {
    let h = Harness::new();
    let dir = tempfile::tempdir().unwrap();
    let saved = h.api_full(&["contracts", "download", "T-1001"], None, &[], Some(dir.path())).ok();
    let file = dir.path().join("T-1001.pdf");
    let bytes = std::fs::read(&file).expect("T-1001.pdf in the current directory");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert_eq!(saved.stdout.trim(), format!("saved {} bytes to T-1001.pdf", bytes.len()));

    // No overwrite without --force; the file stays as it was.
    std::fs::write(&file, b"keep me").unwrap();
    let refused = h.api_full(&["contracts", "download", "T-1001"], None, &[], Some(dir.path()));
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("already exists") && refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");
    h.api_full(&["contracts", "download", "T-1001", "--force"], None, &[], Some(dir.path())).ok();
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    let other = dir.path().join("other.pdf");
    let other_arg = other.to_str().unwrap();
    let json = h.api(&["--output", "json", "contracts", "download", "H-1004", "-o", other_arg]).ok().json();
    assert_eq!(json["bytes"].as_u64().unwrap(), std::fs::metadata(&other).unwrap().len());
    std::fs::remove_file(&other).unwrap();

    // A body cut short: an error, and neither the file nor a partial file is left behind.
    let path = "/api/v2.1/public/contracts/T-1001/download";
    h.sandbox.inject(FaultRule::new(path, Fault::Truncate).method("POST").times(10));
    let broken = h.api(&["contracts", "download", "T-1001", "--output-file", other_arg]);
    assert_ne!(broken.code, 0, "{}", broken.stderr);
    assert!(broken.stderr.starts_with("error: "), "{}", broken.stderr);
    assert!(!other.exists(), "a truncated download left a file");
    assert!(partial_files(dir.path()).is_empty(), "{:?}", partial_files(dir.path()));
    h.sandbox.clear_faults();

    // A directory target: --force cannot replace it, so it is not suggested, with or without --force.
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let folder_arg = folder.to_str().unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["contracts", "download", "T-1001", "-o", folder_arg];
        args.extend_from_slice(extra);
        let refused = h.api(&args).code(2);
        assert!(refused.stderr.contains("is a directory"), "{}", refused.stderr);
        assert!(!refused.stderr.contains("--force"), "--force suggested for a directory: {}", refused.stderr);
        assert!(refused.stderr.contains("--output-file"), "{}", refused.stderr);
    }
    assert!(folder.is_dir() && common::is_empty_dir(&folder));

    let missing = dir.path().join("missing.pdf");
    h.api(&["contracts", "download", "T-999999", "-o", missing.to_str().unwrap()]).code(4);
    assert!(!missing.exists());
    h.assert_no_secret_leaked();
}

#[test]
fn link_and_key_pointers() {
    let h = Harness::new();
    let link = h.api(&["contracts", "link", "T-1002"]).ok();
    assert!(link.stdout.trim().starts_with("http"), "{}", link.stdout);
    assert_eq!(link.stdout.lines().count(), 1);
    let docx = h.api(&["--output", "json", "contracts", "link", "T-1002", "--format", "docx"]).ok().json();
    assert!(docx["url"].as_str().unwrap().starts_with("http"), "{docx}");
    h.api(&["contracts", "link", "T-1002", "--format", "exe"]).code(2);
    let help = h.run(&["contracts", "link", "--help"]).ok();
    assert!(help.stdout.contains("bearer link"), "{}", help.stdout);

    let pointers = h.api(&["contracts", "key-pointers", "T-1002"]).ok();
    assert!(pointers.stdout.starts_with("ID") && pointers.stdout.contains("FIELD"), "{}", pointers.stdout);
    assert!(pointers.stdout.lines().count() > 1, "{}", pointers.stdout);
    let pointers = h.api(&["--output", "json", "contracts", "key-pointers", "T-1002"]).ok().json();
    assert!(!pointers.as_array().unwrap().is_empty());
    h.assert_no_secret_leaked();
}

#[test]
fn templates_types_counterparties_users_roles() {
    let h = Harness::new();
    let templates = h.api(&["templates", "list"]).ok();
    assert!(templates.stdout.starts_with("ID") && templates.stdout.contains("CONTRACT TYPE"), "{}", templates.stdout);
    let list = h.api(&["--output", "json", "templates", "list"]).ok().json();
    assert!(list.as_array().unwrap().len() >= 5);
    let id = list[0]["id"].to_string();
    let shown = h.api(&["templates", "show", &id]).ok();
    assert!(shown.stdout.starts_with("id:") && shown.stdout.contains("metadata:"), "{}", shown.stdout);
    let shown = h.api(&["--output", "json", "templates", "show", &id]).ok().json();
    assert_eq!(shown["template"]["id"].to_string(), id);
    assert!(shown["metadata"].is_object(), "{shown}");
    h.api(&["templates", "show", "999999"]).code(4);

    let types = h.api(&["contract-types", "list"]).ok();
    assert!(types.stdout.contains("Non-Disclosure Agreement"), "{}", types.stdout);

    let counterparties = h.api(&["counterparties", "list"]).ok();
    assert!(
        counterparties.stdout.starts_with("ID") && counterparties.stdout.contains("NAME"),
        "{}",
        counterparties.stdout
    );
    let all = h.api(&["--output", "json", "counterparties", "list", "--all", "--limit", "3"]).ok().json();
    let all = all.as_array().unwrap();
    assert!(all.len() >= 10, "{}", all.len());
    let some = &all[0];
    let shown = h.api(&["counterparties", "show", &some["id"].to_string()]).ok();
    assert!(shown.stdout.contains(some["name"].as_str().unwrap()), "{}", shown.stdout);
    h.api(&["counterparties", "show", "987654"]).code(4);
    h.api(&["counterparties", "list", "--custom", "vendor_id=V-77"]).ok();
    h.api(&["counterparties", "list", "--custom", "bad name=x"]).code(2);

    let users = h.api(&["--output", "json", "users", "list", "--all"]).ok().json();
    assert_eq!(users.as_array().unwrap().len(), 6);
    let table = h.api(&["users", "list", "--all"]).ok();
    assert_eq!(table.stdout.lines().count(), 7, "{}", table.stdout);
    assert!(table.stdout.contains("Elena Kagan"), "{}", table.stdout);
    let one = h.api(&["--output", "json", "users", "list", "--email", spotdraft_sandbox::DEMO_USER_EMAIL]).ok().json();
    assert_eq!(one["results"].as_array().unwrap().len(), 1, "{one}");

    let roles = h.api(&["roles", "list"]).ok();
    assert!(roles.stdout.starts_with("ID") && roles.stdout.lines().count() > 1, "{}", roles.stdout);
    let roles = h.api(&["--output", "json", "roles", "list"]).ok().json();
    assert!(!roles.as_array().unwrap().is_empty());
    h.assert_no_secret_leaked();
}

const WEBHOOK_TEST_KEY: &str = "Y2xpLXRlc3Qtd2ViaG9vay1rZXktYnl0ZXMtMDEyMw==";

#[test]
fn webhooks_create_delete_key_and_verify() {
    let h = Harness::new();
    let created = h
        .api(&[
            "--output",
            "json",
            "webhooks",
            "create",
            "--title",
            "Created contracts",
            "--url",
            "https://hooks.example.com/spotdraft",
            "--activity",
            "CONTRACT_CREATED",
            "--header",
            "X-Access-Key=hook-access-key-5150",
        ])
        .ok();
    assert!(!created.stdout.contains("hook-access-key-5150"), "{}", created.stdout);
    let id = created.json()["id"].to_string();
    h.api(&["webhooks", "create", "--title", "t", "--url", "http://insecure.example", "--activity", "X"]).code(2);
    h.api(&["webhooks", "create", "--title", "t", "--url", "https://x.example"]).code(2);
    assert_eq!(h.api(&["webhooks", "delete", &id]).ok().stdout.trim(), format!("deleted webhook {id}"));
    h.api(&["webhooks", "delete", &id]).code(4);

    // The signing key is printed only with --reveal.
    let revealed = h.api(&["webhooks", "hmac-key", "--reveal"]).ok();
    let key = revealed.stdout.trim().to_string();
    assert!(!key.is_empty());
    WebhookKey::from_hmac_key(&key).expect("the revealed key is base64");
    for args in [&["webhooks", "hmac-key"][..], &["--output", "json", "webhooks", "hmac-key"][..]] {
        let hidden = h.api(args).ok();
        assert!(!hidden.stdout.contains(&key) && !hidden.stderr.contains(&key), "{}", hidden.stdout);
    }
    assert!(h.api(&["webhooks", "hmac-key"]).stdout.contains("--reveal"));

    // Signatures, with a key of the test's own: no credential or network needed.
    let dir = tempfile::tempdir().unwrap();
    let body = br#"{"activity":"CONTRACT_CREATED","contract_id":"T-1001"}"#;
    let body_file = dir.path().join("body.json");
    std::fs::write(&body_file, body).unwrap();
    let tampered_file = dir.path().join("tampered.json");
    std::fs::write(&tampered_file, br#"{"activity":"CONTRACT_CREATED","contract_id":"T-1002"}"#).unwrap();
    let signature = webhook::sign(body, &WebhookKey::from_hmac_key(WEBHOOK_TEST_KEY).unwrap());
    let (body_arg, tampered_arg) = (body_file.to_str().unwrap(), tampered_file.to_str().unwrap());
    let key_env = [("SPOTDRAFT_WEBHOOK_HMAC_KEY", WEBHOOK_TEST_KEY)];
    let verify = |args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]| {
        let mut all = vec!["webhooks", "verify"];
        all.extend_from_slice(args);
        h.run_with(&all, stdin, env)
    };

    let valid = verify(&["--body-file", body_arg, "--signature", &signature], None, &key_env).ok();
    assert!(valid.stdout.starts_with("valid"), "{}", valid.stdout);
    let header = format!("X-SD-WEBHOOK-CONTENT-HASH: {}", signature.to_uppercase());
    verify(&["--body-file", body_arg, "--header", &header], None, &key_env).ok();
    let piped = format!("{WEBHOOK_TEST_KEY}\n");
    verify(&["--body-file", body_arg, "--signature", &signature, "--key-stdin"], Some(&piped), &[]).ok();

    let bad = verify(&["--body-file", tampered_arg, "--signature", &signature], None, &key_env).code(3);
    assert!(bad.stderr.contains("(kind: authentication)") && bad.stderr.contains("does not match"), "{}", bad.stderr);
    verify(&["--body-file", body_arg, "--signature", &signature[..64]], None, &key_env).code(3);
    let legacy_header = format!("X-SD-CONTENT-HASH: {signature}");
    verify(&["--body-file", body_arg, "--header", &legacy_header], None, &key_env).code(3);

    // The older scheme: X-SD-CONTENT-HASH keyed with the callback secret's bytes.
    let callback_secret = "cli-callback-secret-8d7c";
    let legacy_signature = webhook::sign(body, &WebhookKey::from_callback_secret(callback_secret).unwrap());
    let legacy_header = format!("x-sd-content-hash: {legacy_signature}");
    let legacy_env = [("SPOTDRAFT_WEBHOOK_HMAC_KEY", callback_secret)];
    verify(&["--body-file", body_arg, "--legacy", "--header", &legacy_header], None, &legacy_env).ok();
    verify(&["--body-file", tampered_arg, "--legacy", "--header", &legacy_header], None, &legacy_env).code(3);

    // No key, a bad key, no signature, an unreadable body: usage errors.
    let no_key = verify(&["--body-file", body_arg, "--signature", &signature], None, &[]).code(2);
    assert!(no_key.stderr.contains("SPOTDRAFT_WEBHOOK_HMAC_KEY"), "{}", no_key.stderr);
    verify(
        &["--body-file", body_arg, "--signature", &signature],
        None,
        &[("SPOTDRAFT_WEBHOOK_HMAC_KEY", "not base64!")],
    )
    .code(2);
    verify(&["--body-file", body_arg], None, &key_env).code(2);
    verify(&["--body-file", "/nonexistent/body", "--signature", &signature], None, &key_env).code(2);
    verify(&["--body-file", body_arg, "--header", "no colon"], None, &key_env).code(2);

    for text in h.outputs.borrow().iter() {
        assert!(!text.contains(WEBHOOK_TEST_KEY) && !text.contains(callback_secret), "a webhook key leaked:\n{text}");
        // The first line is the command line, where the test itself passed the header value.
        let printed = text.split_once('\n').map_or("", |(_, rest)| rest);
        assert!(!printed.contains("hook-access-key-5150"), "a custom header value leaked:\n{text}");
    }
    h.assert_no_secret_leaked();
}

#[test]
fn ops_catalogue_and_call_by_name() {
    let h = Harness::new();
    let listed = h.run(&["ops", "list"]).ok();
    assert_eq!(listed.stdout.lines().count(), 103, "header and 102 operations");
    assert!(listed.stdout.starts_with("NAME") && listed.stdout.contains("PAGED"), "{}", listed.stdout);
    assert!(listed.stderr.contains("102 operations"), "{}", listed.stderr);
    let json = h.run(&["--output", "json", "ops", "list"]).ok().json();
    assert_eq!(json.as_array().unwrap().len(), 102);
    let filtered = h.run(&["--output", "json", "ops", "list", "--filter", "WEBHOOK"]).ok().json();
    assert!(filtered.as_array().unwrap().iter().all(|op| op["name"].as_str().unwrap().contains("webhook")
        || op["path"].as_str().unwrap().contains("webhook")
        || op["summary"].as_str().unwrap().to_lowercase().contains("webhook")));
    let shown = h.run(&["ops", "show", "contracts.status"]).ok();
    assert!(shown.stdout.contains("composite_id") && shown.stdout.contains("GET"), "{}", shown.stdout);
    let shown = h.run(&["--output", "json", "ops", "show", "contracts.list"]).ok().json();
    assert_eq!(shown["paged"], true);
    let typo = h.run(&["ops", "show", "contracts.stauts"]).code(2);
    assert!(typo.stderr.contains("contracts.status"), "{}", typo.stderr);

    let status = h.api(&["call", "contracts.status", "-p", "composite_id=T-1001"]).ok().json();
    assert!(status["contract_status"].is_string(), "{status}");
    let page = h
        .api(&[
            "call",
            "contracts.list",
            "-p",
            "limit=3",
            "-p",
            "filter__display_status[$in]=EXECUTED",
            "-p",
            "filter__display_status[$in]=SIGN",
        ])
        .ok()
        .json();
    let results = page["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|c| c["contract_status"] == "EXECUTED" || c["contract_status"] == "SIGN"), "{page}");
    let body =
        h.api(&["call", "contracts.comments.create", "-p", "contract_id=1002", "--json", r#"{"comment": "by call"}"#]);
    assert!(body.ok().stdout.contains("by call"));

    let unemulated = h.api(&["call", "facets.list"]).code(5);
    assert!(unemulated.stderr.contains("not emulated"), "{}", unemulated.stderr);
    let missing = h.api(&["call", "contracts.status"]).code(2);
    assert!(missing.stderr.contains("composite_id"), "{}", missing.stderr);
    h.api(&["call", "contracts.status", "-p", "composite_id=T-1001", "-p", "pgae=1"]).code(2);
    // Checked before any credential is needed.
    let typo = h.run(&["call", "contracts.lst"]).code(2);
    assert!(typo.stderr.contains("contracts.list"), "{}", typo.stderr);
    h.api(&["call", "contracts.status", "-p", "composite_id=T-999999"]).code(4);
    h.assert_no_secret_leaked();
}
