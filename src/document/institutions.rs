//! The institutions document: who leads measures, and where they coordinate.

use super::{Checked, Items, Located, SchemaProblem};
use crate::vocabulary::Level;
use crate::yaml::{Entry, Node, Value};
use schemars::JsonSchema;
use serde::Deserialize;

/// `institutions: […]` — institutions and the coordination mechanisms they sit in.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "cohere institutions", deny_unknown_fields)]
pub struct InstitutionsDoc {
    /// Ministries, agencies and other bodies.
    pub institutions: Items<Located<InstitutionDoc>>,
    /// Councils, committees and task forces where institutions coordinate.
    #[serde(default)]
    pub mechanisms: Items<Located<MechanismDoc>>,
}

/// A ministry, agency or other body.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct InstitutionDoc {
    /// Its id, used in `lead`, `partners`, `owner` and `members`.
    pub id: Located<String>,
    /// Its name.
    pub name: Located<String>,
    /// The jurisdiction it belongs to.
    #[serde(default)]
    pub jurisdiction: Option<Located<String>>,
    /// Its sector.
    #[serde(default)]
    pub sector: Option<Located<String>>,
}

/// A coordination mechanism.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct MechanismDoc {
    /// Its id.
    pub id: Located<String>,
    /// Its name.
    pub name: Located<String>,
    /// Its level: national, bilateral, regional, …
    #[serde(default)]
    pub level: Checked<Located<Level>>,
    /// The institutions that sit in it.
    pub members: Vec<Located<String>>,
}

/// Moves institutions written under `mechanisms:` (an entry appended at the end of the file
/// lands there) back to `institutions:`, with one problem each that names the mistake, so that
/// the entry's missing `members:`, its fields unknown to a mechanism and every reference to it
/// are not reported as well.
pub fn recover_misplaced(node: &Node) -> (Node, Vec<SchemaProblem>) {
    let Some(entries) = node.as_map() else {
        return (node.clone(), Vec::new());
    };
    let is_institution = |item: &Node| {
        item.as_map().is_some_and(|fields| {
            let has = |key: &str| fields.iter().any(|f| f.key_text() == Some(key));
            !has("members") && (has("jurisdiction") || has("sector"))
        })
    };
    let mut moved = Vec::new();
    let mut problems = Vec::new();
    let mut entries: Vec<Entry> = entries.to_vec();
    for entry in &mut entries {
        if entry.key_text() != Some("mechanisms") {
            continue;
        }
        if let Value::Seq(items) = &mut entry.value.value {
            let (institutions, mechanisms): (Vec<Node>, Vec<Node>) =
                std::mem::take(items).into_iter().partition(is_institution);
            *items = mechanisms;
            for item in &institutions {
                let id = item
                    .get("id")
                    .and_then(Node::text)
                    .map(|id| format!(" `{id}`"))
                    .unwrap_or_default();
                problems.push(SchemaProblem {
                    message: format!(
                        "the institution{id} is in the list of `mechanisms:` (it has a sector or jurisdiction, and no `members:`)"
                    ),
                    span: item.span,
                    help: Some(crate::diagnostic::Help::words(
                        "move it into the list under `institutions:`, above `mechanisms:`; entries appended at the end of the file land in the last list",
                    )),
                });
            }
            moved.extend(institutions);
        }
    }
    if moved.is_empty() {
        return (node.clone(), problems);
    }
    for entry in &mut entries {
        if entry.key_text() == Some("institutions")
            && let Value::Seq(items) = &mut entry.value.value
        {
            items.append(&mut moved);
        }
    }
    (
        Node {
            span: node.span,
            value: Value::Map(entries),
        },
        problems,
    )
}
