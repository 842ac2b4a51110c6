//! Coverage rules: what the portfolio is required to reach and does not. They judge a
//! portfolio, so they run when a project file declares one.

pub mod uncovered_domain;
pub mod uncovered_principle;
pub mod uncovered_target;

use crate::analysis::coverage::Requirement;
use crate::rules::Context;
use crate::source::Location;

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

/// The label of a requirement's location.
pub(crate) fn requirement_label(requirement: &Requirement, default: &str) -> String {
    match requirement.declared_at {
        Some(_) => "required here".to_string(),
        None => format!("required by default ({default})"),
    }
}
