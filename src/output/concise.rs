//! One line per finding: `path:line:col: severity[rule] message`.

use super::RenderContext;
use std::fmt::Write as _;

/// Renders the concise format.
pub fn render(context: &RenderContext<'_>) -> String {
    let mut out = String::new();
    for finding in &context.outcome.findings {
        let location = context.sources.resolve(finding.primary.location);
        let _ = writeln!(
            out,
            "{location}: {}[{}] {}",
            finding.severity, finding.rule.id, finding.message
        );
    }
    out
}
