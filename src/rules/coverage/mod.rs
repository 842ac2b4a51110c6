//! Coverage rules: what the portfolio is required to reach and does not. They judge a
//! portfolio, so they run when a project file declares one and it has a measure (a repository
//! just created has nothing to judge yet). Gaps come as one finding per framework, listing what
//! is missing, so that a young portfolio's gaps do not bury everything else.

pub mod uncovered_domain;
pub mod uncovered_principle;
pub mod uncovered_target;

use crate::analysis::coverage::Requirement;
use crate::finding::Finding;
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

/// One finding for the `gaps` of one framework: at the first gap's entry in cohere.yaml (the
/// line to change), or at the project file's anchor with a help that says how to declare
/// requirements, when they are the defaults. In `remedy`, `{}` stands for what is missing.
pub(crate) fn gap_finding(
    context: &Context<'_>,
    meta: &'static crate::rules::RuleMeta,
    gaps: &[&Requirement],
    message: String,
    default_reason: &str,
    field: &str,
    remedy: &str,
) -> Option<Finding> {
    let first = gaps.first()?;
    let location = requirement_location(context, first)?;
    let ids: Vec<String> = gaps
        .iter()
        .map(|r| format!("`{}`", context.model.element(r.element).id))
        .collect();
    let (them, pronoun) = match ids.as_slice() {
        [one] => (one.clone(), "it"),
        _ => ("them".to_string(), "them"),
    };
    let remedy = remedy.replace("{}", &them);
    let declared = gaps.iter().filter(|r| r.declared_at.is_some()).count();
    let (label, help) = if declared == gaps.len() {
        (
            if gaps.len() == 1 {
                "required here".to_string()
            } else {
                format!("required here and on {} more lines", gaps.len() - 1)
            },
            format!("{remedy}, or remove {pronoun} from `require: {field}:` in cohere.yaml"),
        )
    } else {
        (
            format!("required by default ({default_reason})"),
            format!(
                "{remedy}; or declare what the portfolio must cover in cohere.yaml, for example `require: {{{field}: [{}]}}` (the defaults are in `cohere config --show`)",
                context.model.element(first.element).id
            ),
        )
    };
    let mut finding = Finding::new(meta, location, message)
        .label(label)
        .help(help);
    if ids.len() > LISTED {
        finding = finding.note(format!("missing: {}", ids.join(", ")));
    }
    if let Some(framework) = ids
        .first()
        .and_then(|id| id.trim_matches('`').split(':').next())
    {
        finding = finding.key([framework.to_string()]);
    }
    Some(finding)
}

/// Gaps named in the message itself, beyond which they are counted and listed in a note.
const LISTED: usize = 4;

/// The gaps by id when there are a few (`` `sdg:10.c` and `sdg:16.9` ``), else counted
/// (`` 12 required targets of `sdg` ``; the finding's note lists them).
pub(crate) fn counted(
    context: &Context<'_>,
    gaps: &[&Requirement],
    noun: &str,
    framework: &str,
) -> String {
    let ids: Vec<String> = gaps
        .iter()
        .map(|r| format!("`{}`", context.model.element(r.element).id))
        .collect();
    match ids.as_slice() {
        [] => String::new(),
        [_] => crate::rules::support::element_with_title(context.model, gaps[0].element),
        [first @ .., last] if ids.len() <= LISTED => format!("{} and {last}", first.join(", ")),
        _ => format!("{} required {noun}s of `{framework}`", gaps.len()),
    }
}

/// Where a requirement is reported: its entry in cohere.yaml, or the file's start for a default
/// requirement. `None` without a project file.
pub(crate) fn requirement_location(
    context: &Context<'_>,
    requirement: &Requirement,
) -> Option<Location> {
    let file = context.project_file?;
    Some(Location::new(
        file,
        requirement.declared_at.unwrap_or(context.settings.anchor),
    ))
}
