//! The bibliography document: the sources that interactions and framework elements cite by id.

use super::{Items, Located};
use schemars::JsonSchema;
use serde::Deserialize;

/// `bibliography: <id>` — published sources, each written once and cited by its id.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "cohere bibliography", deny_unknown_fields)]
pub struct BibliographyDoc {
    /// The bibliography's id.
    pub bibliography: Located<String>,
    /// Its name.
    pub title: Located<String>,
    /// What it covers and how its entries were checked.
    #[serde(default)]
    pub description: Option<Located<String>>,
    /// The sources.
    #[serde(default)]
    pub references: Items<Located<ReferenceDoc>>,
}

/// One published source. It needs a `doi` or a stable `url`, so that a reader can find it.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct ReferenceDoc {
    /// Its id, cited in `sources:` (kebab-case: first author's surname and year).
    pub id: Located<String>,
    /// The authors, or the body that published it.
    pub authors: Located<String>,
    /// Its title.
    pub title: Located<String>,
    /// The year of publication.
    pub year: Located<String>,
    /// The journal, with volume and pages.
    #[serde(default)]
    pub journal: Option<Located<String>>,
    /// The publisher, or the issuing body and document symbol.
    #[serde(default)]
    pub publisher: Option<Located<String>>,
    /// Its DOI (`10.1038/534320a`).
    #[serde(default)]
    pub doi: Option<Located<String>>,
    /// A stable address where it can be read.
    #[serde(default)]
    pub url: Option<Located<String>>,
    /// A note for readers, printed with the reference (an edition, a series).
    #[serde(default)]
    pub note: Option<Located<String>>,
    /// What is known to be missing about the address (a mirror, the publisher's page not seen).
    #[serde(default)]
    pub url_note: Option<Located<String>>,
    /// How the entry was checked to exist (the search result, catalogue or page that shows it).
    #[serde(default)]
    pub verified: Option<Located<String>>,
}
