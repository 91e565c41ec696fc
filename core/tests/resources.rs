//! Every typed operation against the sandbox, including state changes and error bodies.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{json, Map, Value};
use spotdraft::{
    Client, ContractId, ContractQuery, ContractStatus, CounterpartyInput, Credential, ErrorKind, ExternalMetadata,
    Filters, KeyPointerUpdate, NewContract, NewWebhook, RetryPolicy, TemplateQuery, UserQuery,
};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

fn setup() -> (Sandbox, Client) {
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false)).unwrap();
    let client = Client::builder(Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap())
        .base_url(&sandbox.base_url())
        .rate_limit(None)
        .retry_policy(RetryPolicy::default().with_initial_backoff(Duration::from_millis(5)))
        .build()
        .unwrap();
    (sandbox, client)
}

async fn a_contract_with_status(client: &Client, status: &str) -> ContractId {
    let query = ContractQuery::new().filters(Filters::new().eq("display_status", status));
    let page = client.contracts().list(&query, 1, 50).await.unwrap();
    page.results.iter().find_map(|c| c.id.filter(|id| matches!(id, ContractId::Template(_)))).expect("seeded contract")
}

#[tokio::test]
async fn contracts_page_filter_and_walk_every_page() {
    let (_sandbox, client) = setup();
    let contracts = client.contracts();
    let first = contracts.list(&ContractQuery::new(), 1, 10).await.unwrap();
    assert_eq!(first.results.len(), 10);
    let all: Vec<_> =
        contracts.list_all(&ContractQuery::new()).unwrap().page_size(9).unwrap().collect_all().await.unwrap();
    assert_eq!(all.len() as u64, first.total_results);

    let executed = ContractQuery::new().filters(Filters::new().eq("display_status", "EXECUTED"));
    let page = contracts.list(&executed, 1, 100).await.unwrap();
    assert!(!page.results.is_empty());
    assert!(page.results.iter().all(|c| c.contract_status == Some(ContractStatus::Executed)));

    let either = ContractQuery::new().filters(Filters::new().is_in("display_status", ["DRAFT", "VOIDED"]));
    let page = contracts.list(&either, 1, 100).await.unwrap();
    assert!(page
        .results
        .iter()
        .all(|c| matches!(c.contract_status, Some(ContractStatus::Draft | ContractStatus::Voided))));

    let some_id = first.results[3].id.unwrap();
    let one = contracts.get(some_id).await.unwrap();
    assert_eq!(one.id, Some(some_id));
    assert_eq!(contracts.get("T-999999").await.unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(contracts.get("X-1").await.unwrap_err().kind(), ErrorKind::InvalidArgument);

    let text = first.results[0].counter_party_name.clone().unwrap();
    let found = contracts.list(&ContractQuery::new().text(&text), 1, 100).await.unwrap();
    assert!(found.results.iter().any(|c| c.counter_party_name.as_deref() == Some(text.as_str())));

    let executed_total = contracts.list(&executed, 1, 1).await.unwrap().total_results;
    let streamed: Vec<_> = contracts.list_all(&executed).unwrap().into_stream().collect().await;
    assert_eq!(streamed.len() as u64, executed_total);
    assert!(streamed.iter().all(|c| c.as_ref().unwrap().contract_status == Some(ContractStatus::Executed)));
}

#[tokio::test]
async fn create_then_list_then_void() {
    let (_sandbox, client) = setup();
    let contracts = client.contracts();
    let template = client.templates().list(&TemplateQuery::default()).await.unwrap()[0].clone();
    let new = NewContract {
        external_metadata: Some(json!({"id": "crm-42", "integration_name": "Tests"})),
        ..NewContract::from_template(template.id.unwrap()).field("customer_name", "Initech")
    };
    let created = contracts.create(&new).await.unwrap();
    let id = created.id.expect("created contract has an id");
    let first = contracts.list(&ContractQuery::new(), 1, 5).await.unwrap();
    assert!(first.results.iter().any(|c| c.id == Some(id)), "new contract is listed");
    assert_eq!(contracts.status(id).await.unwrap().contract_status, Some(ContractStatus::Draft));

    let linked = contracts.by_external_metadata("crm-42").await.unwrap();
    assert!(linked.iter().any(|c| c.id == Some(id)));
    assert!(contracts.by_external_metadata("nothing-here").await.unwrap().is_empty());

    contracts.void(id, "duplicate").await.unwrap();
    assert_eq!(contracts.status(id).await.unwrap().contract_status, Some(ContractStatus::Voided));
    let err = contracts.void(id, "again").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    assert_eq!(contracts.void(id, "  ").await.unwrap_err().kind(), ErrorKind::InvalidArgument);

    let err = contracts.create(&NewContract::from_template(987_654)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(!err.field_errors().is_empty(), "{err}");
}

#[tokio::test]
async fn execution_marks_and_business_rules() {
    let (_sandbox, client) = setup();
    let contracts = client.contracts();
    let signing = a_contract_with_status(&client, "SIGN").await;
    contracts.mark_for_execution(signing, None).await.unwrap();
    contracts.unmark_for_execution(signing, Some("client wants edits")).await.unwrap();
    let err = contracts.unmark_for_execution(signing, None).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);

    let voided = a_contract_with_status(&client, "VOIDED").await;
    let err = contracts.mark_for_execution(voided, Some(false)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BusinessRule);
    assert_eq!(err.status(), Some(402));
    assert!(err.spotdraft_code().unwrap_or("").starts_with("SD_"), "{err}");
}

#[tokio::test]
async fn download_link_key_pointers_metadata_comments() {
    let (_sandbox, client) = setup();
    let contracts = client.contracts();
    let id = a_contract_with_status(&client, "REDLINING").await;

    let link = contracts.download_link(id, Some("docx")).await.unwrap();
    assert!(!link.url.is_empty());
    assert!(!format!("{link:?}").contains("signature="), "signed URL leaked into Debug");
    assert_eq!(contracts.download_link(id, Some("EXE")).await.unwrap_err().kind(), ErrorKind::Validation);

    let pointers = contracts.key_pointers(id).await.unwrap();
    assert!(!pointers.is_empty());
    let field = pointers[0].field_name.clone().unwrap();
    let updated = contracts
        .update_key_pointers(id, &[KeyPointerUpdate::by_field(&field, json!("changed by test"))])
        .await
        .unwrap();
    assert!(updated.iter().any(|p| p.field_name.as_deref() == Some(&field) && p.value == json!("changed by test")));
    let again = contracts.key_pointers(id).await.unwrap();
    assert!(again.iter().any(|p| p.value == json!("changed by test")));
    assert!(contracts.update_key_pointers(id, &[]).await.is_err());

    assert_eq!(contracts.external_metadata(id).await.unwrap_err().kind(), ErrorKind::NotFound);
    let metadata = ExternalMetadata {
        id: json!("opp-7"),
        integration_name: Some("Salesforce".into()),
        record_type: Some("Opportunity".into()),
        ..ExternalMetadata::default()
    };
    let saved = contracts.set_external_metadata(id, &metadata).await.unwrap();
    assert_eq!(saved.id, json!("opp-7"));
    assert_eq!(contracts.external_metadata(id).await.unwrap().record_type.as_deref(), Some("Opportunity"));
    assert!(contracts
        .by_external_metadata("opp-7")
        .await
        .unwrap()
        .iter()
        .any(|c| c.id.map(|i| i.number()) == Some(id.number())));

    let before = contracts.comments(id, 1, 10).await.unwrap().total_results;
    let comment = contracts.add_comment(id, "please review").await.unwrap();
    assert_eq!(comment.comment, "please review");
    let after = contracts.all_comments(id).unwrap().collect_all().await.unwrap();
    assert_eq!(after.len() as u64, before + 1);
    assert!(contracts.add_comment(id, " ").await.is_err());
}

#[tokio::test]
async fn templates_types_users_roles() {
    let (_sandbox, client) = setup();
    let templates = client.templates().list(&TemplateQuery::default()).await.unwrap();
    assert!(templates.len() >= 5);
    let first = templates[0].id.unwrap();
    assert_eq!(client.templates().get(first).await.unwrap().id, Some(first));
    assert!(client.templates().metadata(first).await.unwrap().is_object());
    assert_eq!(client.templates().get(999_999).await.unwrap_err().kind(), ErrorKind::NotFound);
    let name = templates[1].name.clone().unwrap();
    assert_eq!(client.templates().find_by_name(&name.to_uppercase()).await.unwrap().unwrap().id, templates[1].id);

    assert!(client.contract_types().list().await.unwrap().len() >= 3);

    let users =
        client.users().list_all(&UserQuery::default()).unwrap().page_size(2).unwrap().collect_all().await.unwrap();
    assert!(users.len() >= 5);
    let email = users[0].email.clone().unwrap();
    let one =
        client.users().list(&UserQuery { user_email: Some(email.clone()), user_name: None }, 1, 10).await.unwrap();
    assert_eq!(one.results.len(), 1);
    assert_eq!(one.results[0].email.as_deref(), Some(email.as_str()));

    assert!(!client.roles().list().await.unwrap().is_empty());
}

#[tokio::test]
async fn counterparties_create_get_update_conflict() {
    let (_sandbox, client) = setup();
    let counterparties = client.counterparties();
    let page = counterparties.list(&[], 1, 5).await.unwrap();
    assert!(page.total_results >= 10);
    let all = counterparties.list_all(&[]).unwrap().page_size(3).unwrap().collect_all().await.unwrap();
    assert_eq!(all.len() as u64, page.total_results);
    let known = all[0].id.unwrap();
    assert_eq!(counterparties.get(known).await.unwrap().id, Some(known));
    assert_eq!(counterparties.get(987_654).await.unwrap_err().kind(), ErrorKind::NotFound);

    let mut custom = Map::new();
    custom.insert("vendor_id".into(), Value::String("V-77".into()));
    let input = CounterpartyInput {
        is_individual: Some(false),
        organization_name: Some("Globex Testing Ltd".into()),
        contact_name: Some("Hank Scorpio".into()),
        contact_email: Some("hank@globex.example".into()),
        custom_fields: custom,
        ..CounterpartyInput::default()
    };
    let created = counterparties.create(&input).await.unwrap();
    let id = created.id.unwrap();
    assert_eq!(counterparties.get(id).await.unwrap().custom_fields["vendor_id"], "V-77");
    let filtered = counterparties.list(&[("vendor_id", "V-77")], 1, 10).await.unwrap();
    assert!(filtered.results.iter().any(|c| c.id == Some(id)));

    let duplicate = counterparties.create(&input).await.unwrap_err();
    assert_eq!(duplicate.kind(), ErrorKind::Conflict);
    assert_eq!(duplicate.attempts(), 1, "a create is never repeated");

    let patch = CounterpartyInput { brand_name: Some("Globex".into()), ..CounterpartyInput::default() };
    counterparties.update(id, &patch).await.unwrap();
    assert!(counterparties.update(id, &CounterpartyInput::default()).await.is_err());
}

#[tokio::test]
async fn webhooks_create_delete_and_signatures() {
    let (_sandbox, client) = setup();
    let webhooks = client.webhooks();
    let mut headers = Map::new();
    headers.insert("X-Access-Key".into(), Value::String("hook-access-key".into()));
    let hook = webhooks
        .create(&NewWebhook {
            title: "Created contracts".into(),
            url: "https://hooks.example.com/spotdraft".into(),
            only_for_activities: vec!["CONTRACT_CREATED".into()],
            description: None,
            custom_headers: headers,
        })
        .await
        .unwrap();
    assert!(!format!("{hook:?}").contains("hook-access-key"));
    let id = hook.id.unwrap();
    webhooks.delete(id).await.unwrap();
    assert_eq!(webhooks.delete(id).await.unwrap_err().kind(), ErrorKind::NotFound);

    let plain_http = NewWebhook { title: "t".into(), url: "http://insecure.example".into(), ..NewWebhook::default() };
    assert_eq!(webhooks.create(&plain_http).await.unwrap_err().kind(), ErrorKind::InvalidArgument);

    let key = webhooks.hmac_key().await.unwrap();
    assert_eq!(key.expose_secret(), spotdraft_sandbox::WEBHOOK_HMAC_KEY);
    let webhook_key = key.webhook_key().unwrap();
    let body = br#"{"activity":"CONTRACT_CREATED","contract_id":"T-1001"}"#;
    let signature = spotdraft::webhook::sign(body, &webhook_key);
    spotdraft::webhook::verify(body, &signature, &webhook_key).unwrap();
    assert!(spotdraft::webhook::verify(b"{}", &signature, &webhook_key).is_err());
}

#[tokio::test]
async fn call_reaches_any_operation_and_reports_unemulated_ones() {
    let (_sandbox, client) = setup();
    let mut params = Map::new();
    params.insert("composite_id".into(), json!("T-1001"));
    let status = client.call("contracts.status", &params, None).await.unwrap().json_value().unwrap();
    assert!(status["contract_status"].is_string());

    let mut params = Map::new();
    params.insert("limit".into(), json!(3));
    params.insert("filter__display_status[$in]".into(), json!(["EXECUTED", "SIGN"]));
    let page = client.call("contracts.list", &params, None).await.unwrap().json_value().unwrap();
    assert_eq!(page["results"].as_array().unwrap().len(), 3);

    let err = client.call("facets.list", &Map::new(), None).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotEnabled, "{err}");
    assert_eq!(err.status(), Some(501));
    assert!(err.to_string().contains("not emulated"), "{err}");

    let err = client.call("contracts.status", &Map::new(), None).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn typed_download_streams_to_a_file() {
    let (_sandbox, client) = setup();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contract.pdf");
    let mut progress_calls = 0;
    let download = client.contracts().download_to_file("T-1001", &path, false, |_| progress_calls += 1).await.unwrap();
    assert!(download.bytes > 0);
    assert!(progress_calls > 0);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.len() as u64, download.bytes);
    assert!(bytes.starts_with(b"%PDF-1.4"));
    let err = client.contracts().download_to_file("T-999999", &dir.path().join("x.pdf"), false, |_| {}).await;
    assert_eq!(err.unwrap_err().kind(), ErrorKind::NotFound);
    assert!(!dir.path().join("x.pdf").exists());
}
