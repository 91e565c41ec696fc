//! The seeded workspace: deterministic contract types, templates,
//! counterparties, users and contracts.

use serde_json::{json, Map, Value};

use crate::timestamp;
pub use crate::timestamp::now_rfc3339;

/// Id of the single emulated workspace (`created_by_workspace`).
pub const WORKSPACE_ID: u64 = 1;

/// Email of the seeded admin user linked to the credential.
pub const DEMO_USER_EMAIL: &str = "elena.kagan@sandbox.example";

/// Email of the seeded deactivated user (`user-email` naming it gets 403).
pub const INACTIVE_USER_EMAIL: &str = "jordan.blake@sandbox.example";

/// Display statuses, as in the schema's `ContractDisplayStatusEnum`.
pub const STATUSES: [&str; 6] = ["DRAFT", "REDLINING", "SIGN", "EXECUTED", "ON_HOLD", "VOIDED"];

/// First seeded contract id; contracts are `FIRST_CONTRACT_ID..FIRST_CONTRACT_ID + 60`.
pub const FIRST_CONTRACT_ID: u64 = 1001;
pub const CONTRACT_COUNT: u64 = 60;

#[derive(Clone, Debug)]
pub struct ContractType {
    pub id: u64,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Template {
    pub id: u64,
    pub name: String,
    pub contract_type_id: u64,
    pub tags: Vec<String>,
    /// The kind (`Organisation` or `Individual`) of each counterparty slot; more than one
    /// makes a multi-party template.
    pub counterparty_kinds: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub id: u64,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug)]
pub struct Counterparty {
    pub id: u64,
    pub name: String,
    pub is_individual: bool,
    pub brand_name: Option<String>,
    pub contacts: Vec<Contact>,
    /// The address object as answered (with its `id`), if any.
    pub primary_address: Option<Map<String, Value>>,
    pub status: String,
    pub custom_fields: Map<String, Value>,
}

/// A key pointer (metadata value) of a contract.
#[derive(Clone, Debug)]
pub struct KeyPointer {
    pub id: u64,
    pub field_name: String,
    pub label: String,
    pub data_type: String,
    pub value: Value,
    pub format_option: Value,
}

#[derive(Clone, Debug)]
pub struct Comment {
    pub id: u64,
    pub comment: String,
    /// `(id, text)` of each reply.
    pub replies: Vec<(u64, String)>,
}

#[derive(Clone, Debug)]
pub struct Webhook {
    pub id: u64,
    pub title: String,
    pub url: String,
    pub only_for_activities: Vec<String>,
    pub description: Option<String>,
    pub custom_headers: Map<String, Value>,
    pub created_by_user_id: u64,
}

/// A signed download link handed out by `download_link`, served under `/__sandbox/files/`.
#[derive(Clone, Debug)]
pub struct DownloadToken {
    pub token: String,
    pub signature: String,
    pub contract_id: u64,
    pub format: String,
}

#[derive(Clone, Debug)]
pub struct Role {
    pub id: u64,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub designation: String,
    pub is_active: bool,
    pub role_ids: Vec<u64>,
}

impl User {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_string()
    }
}

/// Template contracts have composite ids `T-<id>`, historical (uploaded)
/// ones `H-<id>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractKind {
    Template,
    Historical,
}

impl ContractKind {
    pub fn prefix(self) -> &'static str {
        match self {
            ContractKind::Template => "T",
            ContractKind::Historical => "H",
        }
    }
}

/// Which side a signatory signs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    Company,
    Counterparty,
}

/// Where a signatory's signature stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signature {
    Signed,
    Pending,
    Rejected,
}

#[derive(Clone, Debug)]
pub struct Signatory {
    pub email: String,
    pub party: Party,
    pub signature: Signature,
}

/// One step of an approval's history (`ApprovalActionsSerializerV2`).
#[derive(Clone, Debug)]
pub struct ApprovalAction {
    pub status: String,
    pub notes: String,
    pub created: String,
}

/// An approval of a contract: seeded ones and ad-hoc ones sent through the API.
#[derive(Clone, Debug)]
pub struct Approval {
    pub id: u64,
    pub name: String,
    /// `PRE_SEND`, `PRE_SIGN`, `AD_HOC` or `APPROVAL_V5`.
    pub approval_type: String,
    pub approver_user_id: Option<u64>,
    pub approver_role_id: Option<u64>,
    pub sent: bool,
    pub last_sent_at: Option<String>,
    pub notes: String,
    pub order: u64,
    pub created_by_user_id: u64,
    /// `NOT_STARTED`, `PENDING`, `REJECTED`, `SUGGESTED`, `APPROVED` or `SKIPPED`.
    pub status: String,
    pub actions: Vec<ApprovalAction>,
}

/// Facts the contract-list filters look at and the list items do not show.
#[derive(Clone, Debug, Default)]
pub struct ContractFacts {
    /// How the contract entered the workspace (`Template Contracts`, ...).
    pub kind_label: String,
    pub entity_name: String,
    pub packet_name: Option<String>,
    pub tags: Vec<String>,
    pub client_brand_name: Option<String>,
    pub client_emails: Vec<String>,
    pub legal_user_id: Option<u64>,
    pub business_user_id: Option<u64>,
    pub assigned_to: Option<u64>,
    pub execution_date: Option<String>,
    pub expiring_at: Option<String>,
    pub last_updated_on: String,
    pub signatories: Vec<Signatory>,
}

#[derive(Clone, Debug)]
pub struct Contract {
    pub id: u64,
    pub kind: ContractKind,
    pub created: String,
    pub status: String,
    pub name: String,
    pub counterparty_name: String,
    pub contract_type_id: u64,
    #[allow(dead_code)] // kept for contract details
    pub template_id: Option<u64>,
    pub created_by_user_id: u64,
    pub marked_for_execution: bool,
    /// The external metadata object (with its `id`), if one is linked.
    pub external_metadata: Option<Map<String, Value>>,
    pub key_pointers: Vec<KeyPointer>,
    pub comments: Vec<Comment>,
    pub facts: ContractFacts,
    pub approvals: Vec<Approval>,
}

impl Contract {
    pub fn composite_id(&self) -> String {
        format!("{}-{}", self.kind.prefix(), self.id)
    }

    /// Its reference id, `SD-<id>`.
    pub fn reference_id(&self) -> String {
        format!("SD-{}", self.id)
    }

    /// The external id it is linked by, as text (numbers are compared by their digits).
    pub fn external_id(&self) -> Option<String> {
        match self.external_metadata.as_ref()?.get("id")? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    /// Who the signing waits for, in the words of the analytics schema's
    /// `sign_pending_with`; `None` before signing starts.
    pub fn pending_with(&self) -> Option<&'static str> {
        let signatories = &self.facts.signatories;
        if signatories.is_empty() || signatories.iter().any(|s| s.signature == Signature::Rejected) {
            return None;
        }
        let waiting = |party| signatories.iter().any(|s| s.party == party && s.signature == Signature::Pending);
        match (waiting(Party::Counterparty), waiting(Party::Company)) {
            (false, false) => Some("Executed"),
            (true, false) => Some("Pending with Counterparty Signatory"),
            (false, true) => Some("Pending with Company Signatory"),
            (true, true) => Some("Pending with Counterparty and Company Signatories"),
        }
    }

    /// Whether an approval of it is waiting for an answer.
    pub fn approvals_pending(&self) -> bool {
        self.approvals.iter().any(|a| a.status == "PENDING")
    }
}

/// Next ids of the things the API creates.
#[derive(Clone, Debug)]
pub struct Counters {
    pub counterparty: u64,
    pub contact: u64,
    pub address: u64,
    pub comment: u64,
    pub webhook: u64,
    pub download_link: u64,
    pub approval: u64,
}

impl Counters {
    pub fn take(slot: &mut u64) -> u64 {
        let id = *slot;
        *slot += 1;
        id
    }
}

/// All mutable workspace data; lives behind a `Mutex` in the shared state.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub contract_types: Vec<ContractType>,
    pub templates: Vec<Template>,
    pub counterparties: Vec<Counterparty>,
    pub roles: Vec<Role>,
    pub users: Vec<User>,
    pub contracts: Vec<Contract>,
    pub webhooks: Vec<Webhook>,
    pub download_tokens: Vec<DownloadToken>,
    pub next: Counters,
}

const CONTRACT_TYPES: [(u64, &str); 4] =
    [(100, "General"), (101, "Non-Disclosure Agreement"), (102, "Master Services Agreement"), (103, "Historic")];

/// (id, name, contract type id, tags, counterparty kinds)
type SeedTemplate = (u64, &'static str, u64, &'static [&'static str], &'static [&'static str]);

const TEMPLATES: [SeedTemplate; 5] = [
    (1, "Basic Non Disclosure Agreement", 101, &["NDA", "Standard"], &["Organisation"]),
    (2, "Mutual Non Disclosure Agreement", 101, &["NDA", "Mutual"], &["Organisation", "Individual"]),
    (3, "Master Services Agreement", 102, &["MSA", "Sales"], &["Organisation"]),
    (4, "Order Form", 100, &["Sales"], &["Organisation", "Organisation"]),
    (5, "Consulting Agreement", 100, &["Services"], &["Individual"]),
];

/// First seeded counterparty id; counterparties are `FIRST_COUNTERPARTY_ID..+10`.
pub const FIRST_COUNTERPARTY_ID: u64 = 500;

/// (name, contact name, email domain, city, state, country, zipcode)
type SeedCounterparty =
    (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const COUNTERPARTIES: [SeedCounterparty; 10] = [
    ("Acme Corporation", "Wile Coyote", "acme.example", "Phoenix", "Arizona", "USA", "85001"),
    ("Globex Inc.", "Hank Scorpio", "globex.example", "Cypress Creek", "Oregon", "USA", "97001"),
    ("Initech LLC", "Bill Lumbergh", "initech.example", "Austin", "Texas", "USA", "73301"),
    ("Umbrella Corp", "Albert Wesker", "umbrella.example", "Raccoon City", "Missouri", "USA", "63101"),
    ("Stark Industries", "Pepper Potts", "stark.example", "Malibu", "California", "USA", "90265"),
    ("Wayne Enterprises", "Lucius Fox", "wayne.example", "Gotham", "New Jersey", "USA", "07001"),
    ("Hooli", "Gavin Belson", "hooli.example", "Palo Alto", "California", "USA", "94301"),
    ("Soylent, Inc.", "Sol Roth", "soylent.example", "New York", "New York", "USA", "10001"),
    ("Tyrell Corporation", "Eldon Tyrell", "tyrell.example", "Los Angeles", "California", "USA", "90001"),
    ("Cyberdyne Systems", "Miles Dyson", "cyberdyne.example", "Sunnyvale", "California", "USA", "94085"),
];

const COUNTERPARTY_TIERS: [&str; 3] = ["gold", "silver", "bronze"];

/// Field names of the key pointers every contract has, in order: `(field_name, label, data_type)`.
pub const KEY_POINTER_FIELDS: [(&str, &str, &str); 3] = [
    ("effective_date", "Effective Date", "date"),
    ("contract_value", "Contract Value", "currency"),
    ("renewal_term", "Renewal Term", "duration"),
];

const ROLES: [(u64, &str, &str); 4] = [
    (123, "Admin", "Admin team"),
    (456, "Legal", "Legal team"),
    (789, "Sales", "Sales team"),
    (790, "Procurement", "Procurement team"),
];

/// (id, first, last, email local part, designation, active, role ids)
type SeedUser = (u64, &'static str, &'static str, &'static str, &'static str, bool, &'static [u64]);

const USERS: [SeedUser; 6] = [
    (100, "Elena", "Kagan", "elena.kagan", "Lead Lawyer", true, &[123, 456]),
    (101, "Sonia", "Sotomayor", "sonia.sotomayor", "Lawyer", true, &[456]),
    (102, "Avery", "Stone", "avery.stone", "Legal Counsel", true, &[456]),
    (103, "Morgan", "Reed", "morgan.reed", "Sales Manager", true, &[789]),
    (104, "Priya", "Natarajan", "priya.natarajan", "Procurement Lead", true, &[790]),
    (105, "Jordan", "Blake", "jordan.blake", "Former Counsel", false, &[456]),
];

const EMAIL_DOMAIN: &str = "sandbox.example";

impl Workspace {
    /// The deterministic seed, plus extra active users named by the config.
    pub fn seeded(extra_user_emails: &[String]) -> Self {
        let contract_types = CONTRACT_TYPES.iter().map(|&(id, name)| ContractType { id, name: name.into() }).collect();
        let templates: Vec<Template> = TEMPLATES
            .iter()
            .map(|&(id, name, contract_type_id, tags, kinds)| Template {
                id,
                name: name.into(),
                contract_type_id,
                tags: tags.iter().map(|t| t.to_string()).collect(),
                counterparty_kinds: kinds.iter().map(|k| k.to_string()).collect(),
            })
            .collect();
        let counterparties = seed_counterparties();
        let roles = ROLES
            .iter()
            .map(|&(id, name, description)| Role { id, name: name.into(), description: description.into() })
            .collect();
        let mut users: Vec<User> = USERS
            .iter()
            .map(|&(id, first, last, local, designation, is_active, role_ids)| User {
                id,
                first_name: first.into(),
                last_name: last.into(),
                email: format!("{local}@{EMAIL_DOMAIN}"),
                designation: designation.into(),
                is_active,
                role_ids: role_ids.to_vec(),
            })
            .collect();
        for email in extra_user_emails {
            if users.iter().any(|u| u.email.eq_ignore_ascii_case(email)) {
                for u in users.iter_mut().filter(|u| u.email.eq_ignore_ascii_case(email)) {
                    u.is_active = true;
                }
                continue;
            }
            let id = users.iter().map(|u| u.id).max().unwrap_or(99) + 1;
            let local = email.split('@').next().unwrap_or(email);
            users.push(User {
                id,
                first_name: local.to_string(),
                last_name: String::new(),
                email: email.clone(),
                designation: "Member".into(),
                is_active: true,
                role_ids: vec![456],
            });
        }
        let mut contracts = seed_contracts(&templates, &counterparties);
        // One seeded comment with a reply, to show the shape.
        if let Some(first) = contracts.iter_mut().find(|c| c.id == FIRST_CONTRACT_ID) {
            first.comments.push(Comment {
                id: 4001,
                comment: "Please review the indemnity clause.".into(),
                replies: vec![(4501, "Reviewed, looks fine.".into())],
            });
        }
        let count = counterparties.len() as u64;
        Workspace {
            contract_types,
            templates,
            counterparties,
            roles,
            users,
            contracts,
            webhooks: Vec::new(),
            download_tokens: Vec::new(),
            next: Counters {
                counterparty: FIRST_COUNTERPARTY_ID + count,
                contact: 600 + count,
                address: 700 + count,
                comment: 4002,
                webhook: 900,
                download_link: 1,
                approval: FIRST_APPROVAL_ID + APPROVAL_ID_SPACE,
            },
        }
    }

    pub fn contract_type_name(&self, id: u64) -> String {
        self.contract_types.iter().find(|t| t.id == id).map(|t| t.name.clone()).unwrap_or_default()
    }

    pub fn user(&self, id: u64) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn active_user_by_email(&self, email: &str) -> Option<&User> {
        self.users.iter().find(|u| u.is_active && u.email.eq_ignore_ascii_case(email))
    }

    /// Find a contract by composite id (`T-1001`, `H-1004`) or bare integer.
    pub fn find_contract(&self, composite_id: &str) -> Option<&Contract> {
        let index = self.contract_index(composite_id)?;
        Some(&self.contracts[index])
    }

    /// Like [`Workspace::find_contract`], for changing it.
    pub fn find_contract_mut(&mut self, composite_id: &str) -> Option<&mut Contract> {
        let index = self.contract_index(composite_id)?;
        Some(&mut self.contracts[index])
    }

    fn contract_index(&self, composite_id: &str) -> Option<usize> {
        let (kind, digits) = parse_composite_id(composite_id)?;
        let id: u64 = digits.parse().ok()?;
        self.contracts.iter().position(|c| c.id == id && kind.is_none_or(|k| k == c.kind))
    }

    pub fn template(&self, id: u64) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The counterparty representation (`CounterPartyAPIResponse`).
    pub fn counterparty_json(&self, cp: &Counterparty) -> Value {
        let contacts: Vec<Value> =
            cp.contacts.iter().map(|c| json!({"id": c.id, "name": c.name, "email": c.email})).collect();
        json!({
            "id": cp.id,
            "name": cp.name,
            "is_individual": cp.is_individual,
            "brand_name": cp.brand_name,
            "contacts": contacts,
            "primary_address": cp.primary_address,
            "status": cp.status,
            "custom_fields": cp.custom_fields,
        })
    }

    /// `created_by_user` of a webhook: `{id, email, name, designation}`.
    pub fn user_summary(&self, id: u64) -> Value {
        match self.user(id) {
            Some(u) => json!({"id": u.id, "email": u.email, "name": u.full_name(), "designation": u.designation}),
            None => Value::Null,
        }
    }

    /// The list representation of a contract, with the schema's field names.
    pub fn contract_json(&self, c: &Contract) -> Value {
        let creator = self.user(c.created_by_user_id);
        let creator_name = creator.map(User::full_name).unwrap_or_default();
        let creator_email = creator.map(|u| u.email.clone()).unwrap_or_default();
        json!({
            "id": c.composite_id(),
            "created": c.created,
            "created_by": creator_name,
            "contract_link": format!("https://app.spotdraft.com/contracts/v2/{}", c.id),
            "contract_status": c.status,
            "contract_name": c.name,
            "counter_party_name": c.counterparty_name,
            "contract_type_name": self.contract_type_name(c.contract_type_id),
            "contract_type_id": c.contract_type_id,
            "external_metadata": c.external_metadata.clone().unwrap_or_default(),
            "reference_id": c.reference_id(),
            "created_by_user_name": creator_name,
            "created_by_user_email": creator_email,
            "created_by_workspace": WORKSPACE_ID,
        })
    }

    /// The user-list representation, like the schema example (with roles).
    pub fn user_json(&self, u: &User) -> Value {
        let roles: Vec<Value> = u
            .role_ids
            .iter()
            .filter_map(|id| self.roles.iter().find(|r| r.id == *id))
            .map(|r| json!({"id": r.id, "name": r.name, "description": r.description}))
            .collect();
        json!({
            "id": u.id,
            "first_name": u.first_name,
            "last_name": u.last_name,
            "name": u.full_name(),
            "email": u.email,
            "designation": u.designation,
            "is_active": u.is_active,
            "roles": roles,
        })
    }
}

/// Split `T-123` / `H-123` / `123` into (kind, digits).
pub fn parse_composite_id(value: &str) -> Option<(Option<ContractKind>, &str)> {
    let (kind, digits) = if let Some(rest) = value.strip_prefix("T-") {
        (Some(ContractKind::Template), rest)
    } else if let Some(rest) = value.strip_prefix("H-") {
        (Some(ContractKind::Historical), rest)
    } else {
        (None, value)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, digits))
}

fn seed_counterparties() -> Vec<Counterparty> {
    COUNTERPARTIES
        .iter()
        .zip(0u64..)
        .map(|(&(name, contact, domain, city, state, country, zipcode), i)| {
            let mut address = Map::new();
            address.insert("id".into(), json!(700 + i));
            address.insert("line_one".into(), json!(format!("{} Market Street", 100 + i * 11)));
            address.insert("city_name".into(), json!(city));
            address.insert("state_name".into(), json!(state));
            address.insert("zipcode".into(), json!(zipcode));
            address.insert("country_name".into(), json!(country));
            let mut custom_fields = Map::new();
            custom_fields.insert("vendor_id".into(), json!(format!("V-{}", 1000 + i)));
            custom_fields.insert("tier".into(), json!(COUNTERPARTY_TIERS[(i % 3) as usize]));
            Counterparty {
                id: FIRST_COUNTERPARTY_ID + i,
                name: name.into(),
                is_individual: false,
                brand_name: Some(name.into()),
                contacts: vec![Contact { id: 600 + i, name: contact.into(), email: format!("legal@{domain}") }],
                primary_address: Some(address),
                status: "ACTIVE".into(),
                custom_fields,
            }
        })
        .collect()
}

/// The three key pointers of contract `id`: ids `id * 10 + 1..=3`, values from
/// `contract_data` when it names them, else defaults derived from the id.
pub fn key_pointers_for(id: u64, created: &str, contract_data: &Map<String, Value>) -> Vec<KeyPointer> {
    KEY_POINTER_FIELDS
        .iter()
        .zip(1u64..)
        .map(|(&(field_name, label, data_type), k)| {
            let default = match field_name {
                "effective_date" => json!(created.get(..10).unwrap_or(created)),
                "contract_value" => json!({"type": "USD", "value": 1000 * (id % 50 + 1)}),
                _ => json!({"type": "MONTHS", "value": 12}),
            };
            let format_option = match data_type {
                "date" => json!({"date_format": "YYYY-MM-DD"}),
                "currency" => json!({"currency_display": "code"}),
                _ => json!({}),
            };
            KeyPointer {
                id: id * 10 + k,
                field_name: field_name.into(),
                label: label.into(),
                data_type: data_type.into(),
                value: contract_data.get(field_name).cloned().unwrap_or(default),
                format_option,
            }
        })
        .collect()
}

/// 60 contracts, ids 1001..=1060. Every fourth (index % 4 == 3, i.e. ids
/// 1004, 1008, ..., 1060) is historical (`H-`) and EXECUTED; the others are
/// template contracts (`T-`) whose statuses cycle through [`STATUSES`]. Their
/// [`ContractFacts`] vary with the index so that every contract-list filter
/// narrows the list (see `sandbox/README.md` for the pattern).
fn seed_contracts(templates: &[Template], counterparties: &[Counterparty]) -> Vec<Contract> {
    let active_creators = [100u64, 101, 102, 103, 104];
    let mut template_index = 0usize;
    (0..CONTRACT_COUNT)
        .map(|i| {
            let id = FIRST_CONTRACT_ID + i;
            let counterparty = &counterparties[(i % counterparties.len() as u64) as usize];
            let created = created_at(i);
            let key_pointers = key_pointers_for(id, &created, &Map::new());
            let created_by_user_id = active_creators[(i % 5) as usize];
            let mut contract = if i % 4 == 3 {
                let type_id = CONTRACT_TYPES[((i / 4) % 4) as usize].0;
                let type_name = CONTRACT_TYPES[((i / 4) % 4) as usize].1;
                Contract {
                    id,
                    kind: ContractKind::Historical,
                    created,
                    status: "EXECUTED".into(),
                    name: format!("{type_name} - {} (signed copy)", counterparty.name),
                    counterparty_name: counterparty.name.clone(),
                    contract_type_id: type_id,
                    template_id: None,
                    created_by_user_id,
                    marked_for_execution: false,
                    external_metadata: None,
                    key_pointers,
                    comments: Vec::new(),
                    facts: ContractFacts { tags: vec!["Legacy".into()], ..ContractFacts::default() },
                    approvals: Vec::new(),
                }
            } else {
                let template = &templates[template_index % templates.len()];
                let status = STATUSES[template_index % STATUSES.len()];
                template_index += 1;
                Contract {
                    id,
                    kind: ContractKind::Template,
                    created,
                    status: status.into(),
                    name: format!("{} - {}", template.name, counterparty.name),
                    counterparty_name: counterparty.name.clone(),
                    contract_type_id: template.contract_type_id,
                    template_id: Some(template.id),
                    created_by_user_id,
                    marked_for_execution: false,
                    external_metadata: None,
                    key_pointers,
                    comments: Vec::new(),
                    facts: ContractFacts { tags: template.tags.clone(), ..ContractFacts::default() },
                    approvals: Vec::new(),
                }
            };
            seed_facts(&mut contract, i, counterparty);
            contract.approvals = seed_approvals(&contract, i);
            contract
        })
        .collect()
}

/// Company entities contracts are signed by.
pub const ENTITIES: [&str; 2] = ["Sandbox Legal Inc.", "Sandbox Legal Ltd."];

/// Contract packets some seeded contracts belong to.
pub const PACKETS: [&str; 2] = ["Q1 Renewals", "Partner Onboarding"];

/// First id of the seeded approvals (`FIRST_APPROVAL_ID + contract index`);
/// approvals sent through the API are numbered from `FIRST_APPROVAL_ID + APPROVAL_ID_SPACE`.
pub const FIRST_APPROVAL_ID: u64 = 7000;
const APPROVAL_ID_SPACE: u64 = 100;

/// Seconds in a day, for the seeded dates.
const DAY: i64 = 86_400;

fn shifted(time: &str, secs: i64) -> String {
    timestamp::format(timestamp::parse(time).unwrap_or(0) + secs)
}

fn seed_facts(c: &mut Contract, i: u64, counterparty: &Counterparty) {
    let facts = &mut c.facts;
    facts.kind_label = match (c.kind, c.status.as_str()) {
        (ContractKind::Historical, _) => "Externally Executed Contracts",
        (_, "REDLINING") => "Template Contracts (Redlined)",
        _ => "Template Contracts",
    }
    .into();
    facts.entity_name = ENTITIES[(i % 2) as usize].into();
    facts.packet_name = match i % 10 {
        0 => Some(PACKETS[0].into()),
        5 => Some(PACKETS[1].into()),
        _ => None,
    };
    if i.is_multiple_of(7) {
        facts.tags.push("Priority".into());
    }
    facts.client_brand_name = counterparty.brand_name.clone();
    facts.client_emails = counterparty.contacts.iter().map(|contact| contact.email.clone()).collect();
    let legal = [100u64, 101, 102][(i % 3) as usize];
    facts.legal_user_id = Some(legal);
    facts.business_user_id = Some([103u64, 104][(i % 2) as usize]);
    facts.assigned_to = (i % 6 != 5).then_some([101u64, 102, 100][((i / 2) % 3) as usize]);
    facts.last_updated_on = shifted(&c.created, (i % 6) as i64 * DAY + 2 * 3600);
    if c.status == "EXECUTED" {
        let executed = shifted(&c.created, (3 + i % 5) as i64 * DAY);
        // Every third executed contract runs without an expiry date.
        facts.expiring_at = (!i.is_multiple_of(3)).then(|| shifted(&executed, 365 * DAY));
        facts.execution_date = Some(executed);
    }
    let company = format!("{}@{EMAIL_DOMAIN}", USERS.iter().find(|u| u.0 == legal).map(|u| u.3).unwrap_or("legal"));
    let client = facts.client_emails.first().cloned().unwrap_or_default();
    let (company_signature, client_signature) = match c.status.as_str() {
        "EXECUTED" => (Signature::Signed, Signature::Signed),
        "SIGN" => match i % 3 {
            0 => (Signature::Signed, Signature::Pending),
            1 => (Signature::Pending, Signature::Signed),
            _ => (Signature::Pending, Signature::Pending),
        },
        "ON_HOLD" if !i.is_multiple_of(3) => (Signature::Signed, Signature::Rejected),
        _ => return,
    };
    facts.signatories = vec![
        Signatory { email: company, party: Party::Company, signature: company_signature },
        Signatory { email: client, party: Party::Counterparty, signature: client_signature },
    ];
}

/// The seeded approvals of the i-th contract: a pending one on every REDLINING
/// contract, an approved one on every SIGN contract, a rejected one on every
/// ON_HOLD contract and one not yet sent on every other DRAFT contract.
fn seed_approvals(c: &Contract, i: u64) -> Vec<Approval> {
    let (name, approval_type, user, role, status, action) = match c.status.as_str() {
        "REDLINING" => ("Legal review", "PRE_SIGN", Some(101), None, "PENDING", None),
        "SIGN" => ("Legal review", "PRE_SIGN", Some(102), None, "APPROVED", Some(("APPROVED", "Looks good."))),
        "ON_HOLD" => {
            ("Finance approval", "PRE_SEND", None, Some(790), "REJECTED", Some(("REJECTED", "Payment terms too long.")))
        }
        "DRAFT" if i.is_multiple_of(2) => ("Business sign-off", "PRE_SEND", Some(103), None, "NOT_STARTED", None),
        _ => return Vec::new(),
    };
    let sent = status != "NOT_STARTED";
    vec![Approval {
        id: FIRST_APPROVAL_ID + i,
        name: name.into(),
        approval_type: approval_type.into(),
        approver_user_id: user,
        approver_role_id: role,
        sent,
        last_sent_at: sent.then(|| shifted(&c.created, 3600)),
        notes: format!("{name} of {}.", c.name),
        order: 1,
        created_by_user_id: c.created_by_user_id,
        status: status.into(),
        actions: action
            .map(|(status, notes)| ApprovalAction {
                status: status.into(),
                notes: notes.into(),
                created: shifted(&c.created, DAY),
            })
            .into_iter()
            .collect(),
    }]
}

/// Creation time of the i-th seeded contract: one day apart from
/// 2024-01-01T09:00:00Z, with a varying hour and minute.
fn created_at(i: u64) -> String {
    const DAYS_IN_MONTH: [u64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // 2024
    let mut day = i;
    let mut month = 0usize;
    while day >= DAYS_IN_MONTH[month] {
        day -= DAYS_IN_MONTH[month];
        month += 1;
    }
    let hour = 9 + (i * 7) % 9;
    let minute = (i * 13) % 60;
    format!("2024-{:02}-{:02}T{:02}:{:02}:00Z", month + 1, day + 1, hour, minute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_counts() {
        let ws = Workspace::seeded(&[]);
        assert_eq!(ws.contracts.len(), 60);
        assert_eq!(ws.templates.len(), 5);
        assert_eq!(ws.counterparties.len(), 10);
        assert_eq!(ws.users.iter().filter(|u| u.is_active).count(), 5);
        assert_eq!(ws.users.iter().filter(|u| !u.is_active).count(), 1);
        let hist = ws.contracts.iter().filter(|c| c.kind == ContractKind::Historical).count();
        assert_eq!(hist, 15);
        let count = |s: &str| ws.contracts.iter().filter(|c| c.status == s).count();
        assert_eq!(count("DRAFT"), 8);
        assert_eq!(count("REDLINING"), 8);
        assert_eq!(count("SIGN"), 8);
        assert_eq!(count("EXECUTED"), 22);
        assert_eq!(count("ON_HOLD"), 7);
        assert_eq!(count("VOIDED"), 7);
        assert_eq!(created_at(0), "2024-01-01T09:00:00Z");
        assert_eq!(&created_at(59)[..10], "2024-02-29");
        assert!(ws.active_user_by_email(DEMO_USER_EMAIL).is_some());
        assert!(ws.active_user_by_email(INACTIVE_USER_EMAIL).is_none());
        assert_eq!(ws.find_contract("T-1001").unwrap().id, 1001);
        assert_eq!(ws.find_contract("1004").unwrap().composite_id(), "H-1004");
        assert!(ws.find_contract("H-1001").is_none());
        assert!(ws.find_contract("T-").is_none());
        assert_eq!(ws.counterparties[0].id, FIRST_COUNTERPARTY_ID);
        assert_eq!(ws.contracts[0].key_pointers[0].id, 10011);
        assert_eq!(ws.contracts[0].key_pointers[0].value, "2024-01-01");
    }
}
