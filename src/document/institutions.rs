//! The institutions document: who leads measures, and where they coordinate.

use super::{Checked, Items, Located};
use crate::vocabulary::Level;
use schemars::JsonSchema;
use serde::Deserialize;

/// `institutions: […]` — institutions and the coordination mechanisms they sit in.
#[derive(Debug, Deserialize, JsonSchema)]
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
#[derive(Debug, Deserialize, JsonSchema)]
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
#[derive(Debug, Deserialize, JsonSchema)]
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
