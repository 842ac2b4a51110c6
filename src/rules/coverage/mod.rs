//! Coverage rules: what the portfolio is required to reach and does not. They judge a
//! portfolio, so they run when a project file declares one and it has a measure (a repository
//! just created has nothing to judge yet). Gaps come as one finding per framework, listing what
//! is missing, so that a young portfolio's gaps do not bury everything else.
//!
//! A finding's facts are a [`Gaps`] list (the framework and the elements missing, by index);
//! each rule's file words it through [`Names`], with the helpers below for what the three
//! rules say alike.

pub mod uncovered_domain;
pub mod uncovered_principle;
pub mod uncovered_target;

use crate::analysis::coverage::Requirement;
use crate::finding::{Cx, Names};
use crate::model::{ElementIdx, FrameworkIdx};
use crate::rules::Context;
use crate::source::Location;
use std::collections::BTreeMap;

/// The requirements that `missing` selects, by framework (in id order), when the portfolio has
/// a project file and a measure.
pub(crate) fn gaps_by_framework<'r>(
    context: &Context<'_>,
    requirements: &'r [Requirement],
    missing: impl Fn(&Requirement) -> bool,
) -> BTreeMap<String, Vec<&'r Requirement>> {
    let mut out: BTreeMap<String, Vec<&Requirement>> = BTreeMap::new();
    if context.project_file.is_none() || context.model.measures.is_empty() {
        return out;
    }
    for requirement in requirements.iter().filter(|r| missing(r)) {
        let framework = context.model.element(requirement.element).framework;
        out.entry(context.model.framework(framework).id.to_string())
            .or_default()
            .push(requirement);
    }
    out
}

/// The facts of one framework's gaps: what is missing, and whether cohere.yaml declared it.
#[derive(Debug)]
pub(crate) struct Gaps {
    /// The framework.
    pub framework: FrameworkIdx,
    /// The elements missing, in the order of the requirements.
    pub elements: Vec<ElementIdx>,
    /// Every one of them is declared under `require:` in cohere.yaml (else some are defaults).
    pub declared: bool,
}

impl Gaps {
    /// The gaps of `requirements` (all of one framework) and the location to report them at:
    /// the first one's entry in cohere.yaml, or the file's anchor for a default requirement.
    /// `None` without a project file or without gaps.
    pub fn of(context: &Context<'_>, requirements: &[&Requirement]) -> Option<(Location, Gaps)> {
        let first = requirements.first()?;
        let file = context.project_file?;
        let location = Location::new(file, first.declared_at.unwrap_or(context.settings.anchor));
        let gaps = Gaps {
            framework: context.model.element(first.element).framework,
            elements: requirements.iter().map(|r| r.element).collect(),
            declared: requirements.iter().all(|r| r.declared_at.is_some()),
        };
        Some((location, gaps))
    }

    /// The gaps by name when there are a few (`` `sdg:10.c` and `sdg:16.9` ``, or one with its
    /// title), else counted (`` 12 required targets of `sdg` ``; [`Gaps::notes`] lists them).
    pub fn counted(&self, names: &dyn Names, noun: &str) -> String {
        match self.elements.as_slice() {
            [] => String::new(),
            [one] => names.element_with_title(*one),
            [first @ .., last] if self.elements.len() <= LISTED => {
                let first: Vec<String> = first.iter().map(|e| names.element(*e)).collect();
                format!("{} and {}", first.join(", "), names.element(*last))
            }
            _ => format!(
                "{} required {noun}s of {}",
                self.elements.len(),
                names.framework(self.framework)
            ),
        }
    }

    /// The label at the primary location.
    pub fn label(&self, default_reason: &str) -> String {
        match (self.declared, self.elements.len()) {
            (true, 1) => "required here".to_string(),
            (true, n) => format!("required here and on {} more lines", n - 1),
            (false, _) => format!("required by default ({default_reason})"),
        }
    }

    /// The help: `remedy` (worded with "it" or "them"), and how to narrow or declare the
    /// requirement under `require: <field>:`.
    pub fn help(&self, cx: Cx<'_>, names: &dyn Names, remedy: &str, field: &str) -> String {
        let pronoun = if self.elements.len() == 1 {
            "it"
        } else {
            "them"
        };
        if !names.for_authors() {
            return format!("{remedy}, or say why the portfolio need not cover {pronoun}");
        }
        if self.declared {
            format!(
                "{remedy}, or remove {pronoun} from {} in cohere.yaml",
                names.code(&format!("require: {field}:"))
            )
        } else {
            let first = cx.model.element(self.elements[0]).id.to_string();
            format!(
                "{remedy}; or declare what the portfolio must cover in cohere.yaml, for example {} (the defaults are in {})",
                names.code(&format!("require: {{{field}: [{first}]}}")),
                names.code("cohere config --show")
            )
        }
    }

    /// What a remedy names: the one element, or "them".
    pub fn them(&self, names: &dyn Names) -> String {
        match self.elements.as_slice() {
            [one] => names.element(*one),
            _ => "them".to_string(),
        }
    }

    /// The note listing every gap, when the message only counts them.
    pub fn notes(&self, names: &dyn Names) -> Vec<String> {
        if self.elements.len() <= LISTED {
            return Vec::new();
        }
        let ids: Vec<String> = self.elements.iter().map(|e| names.element(*e)).collect();
        vec![format!("missing: {}", ids.join(", "))]
    }

    /// The identity by meaning: the framework (a portfolio has one such finding per framework).
    pub fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![cx.model.framework(self.framework).id.to_string()]
    }
}

/// Gaps named in the message itself, beyond which they are counted and listed in a note.
const LISTED: usize = 4;
