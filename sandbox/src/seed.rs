//! The seeded workspace: deterministic contract types, templates,
//! counterparties, users and contracts.

use serde_json::{json, Value};

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
}

#[derive(Clone, Debug)]
pub struct Counterparty {
    #[allow(dead_code)] // for the counterparty operations to come
    pub id: u64,
    pub name: String,
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

#[derive(Clone, Debug)]
pub struct Contract {
    pub id: u64,
    pub kind: ContractKind,
    pub created: String,
    pub status: String,
    pub name: String,
    pub counterparty_name: String,
    pub contract_type_id: u64,
    #[allow(dead_code)] // for contract creation and details to come
    pub template_id: Option<u64>,
    pub created_by_user_id: u64,
}

impl Contract {
    pub fn composite_id(&self) -> String {
        format!("{}-{}", self.kind.prefix(), self.id)
    }
}

/// All mutable workspace data; lives behind a `Mutex` in the shared state.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub contract_types: Vec<ContractType>,
    pub templates: Vec<Template>,
    #[allow(dead_code)] // for the counterparty operations to come
    pub counterparties: Vec<Counterparty>,
    pub roles: Vec<Role>,
    pub users: Vec<User>,
    pub contracts: Vec<Contract>,
}

const CONTRACT_TYPES: [(u64, &str); 4] =
    [(100, "General"), (101, "Non-Disclosure Agreement"), (102, "Master Services Agreement"), (103, "Historic")];

const TEMPLATES: [(u64, &str, u64); 5] = [
    (1, "Basic Non Disclosure Agreement", 101),
    (2, "Mutual Non Disclosure Agreement", 101),
    (3, "Master Services Agreement", 102),
    (4, "Order Form", 100),
    (5, "Consulting Agreement", 100),
];

const COUNTERPARTIES: [&str; 10] = [
    "Acme Corporation",
    "Globex Inc.",
    "Initech LLC",
    "Umbrella Corp",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Soylent, Inc.",
    "Tyrell Corporation",
    "Cyberdyne Systems",
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
            .map(|&(id, name, contract_type_id)| Template { id, name: name.into(), contract_type_id })
            .collect();
        let counterparties: Vec<Counterparty> =
            COUNTERPARTIES.iter().zip(500..).map(|(name, id)| Counterparty { id, name: (*name).into() }).collect();
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
        let contracts = seed_contracts(&templates, &counterparties);
        Workspace { contract_types, templates, counterparties, roles, users, contracts }
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
        let (kind, digits) = parse_composite_id(composite_id)?;
        let id: u64 = digits.parse().ok()?;
        self.contracts.iter().find(|c| c.id == id && kind.is_none_or(|k| k == c.kind))
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
            "external_metadata": {},
            "reference_id": format!("SD-{}", c.id),
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

/// 60 contracts, ids 1001..=1060. Every fourth (index % 4 == 3, i.e. ids
/// 1004, 1008, ..., 1060) is historical (`H-`) and EXECUTED; the others are
/// template contracts (`T-`) whose statuses cycle through [`STATUSES`].
fn seed_contracts(templates: &[Template], counterparties: &[Counterparty]) -> Vec<Contract> {
    let active_creators = [100u64, 101, 102, 103, 104];
    let mut template_index = 0usize;
    (0..CONTRACT_COUNT)
        .map(|i| {
            let id = FIRST_CONTRACT_ID + i;
            let counterparty = &counterparties[(i % counterparties.len() as u64) as usize];
            let created = created_at(i);
            let created_by_user_id = active_creators[(i % 5) as usize];
            if i % 4 == 3 {
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
                }
            }
        })
        .collect()
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
    }
}
