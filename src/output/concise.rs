//! One line per finding: `path:line:col: severity[rule] message`.

use super::RenderContext;
use crate::finding::Ids;
use std::io::Write;

/// Renders the concise format as a string.
pub fn render(context: &RenderContext<'_>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(context, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the concise format, line by line.
pub fn write(context: &RenderContext<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let names = Ids(context.cx.model);
    for finding in &context.outcome.findings {
        let location = context.sources.resolve(finding.location);
        writeln!(
            out,
            "{location}: {}[{}] {}",
            finding.severity,
            finding.rule.id,
            finding.message(context.cx, &names)
        )?;
    }
    out.flush()
}
