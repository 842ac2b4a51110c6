//! `cohere frameworks`.

use super::SUCCESS;
use super::args::{FrameworksArgs, ListFormat};
use super::common;
use anyhow::Result;
use cohere::catalog::catalog;

pub fn run(args: FrameworksArgs) -> Result<u8> {
    let workspace = common::load_frameworks(&args.project)?;
    let catalog = catalog(&workspace.model);
    let text = match args.format {
        ListFormat::Json => common::json(&catalog)?,
        ListFormat::Table => {
            let mut frameworks = common::table();
            frameworks.set_header(["framework", "title", "source", "elements"]);
            for framework in &catalog.frameworks {
                let counts: Vec<String> = framework
                    .elements
                    .iter()
                    .map(|(kind, n)| format!("{n} {kind}"))
                    .collect();
                frameworks.add_row([
                    framework.id.as_str(),
                    framework.title.as_str(),
                    framework.source.as_str(),
                    &counts.join(", "),
                ]);
            }
            let mut bases = common::table();
            bases.set_header([
                "knowledge base",
                "title",
                "interactions",
                "negative or contested",
                "sourced",
                "sources",
            ]);
            for kb in &catalog.knowledge_bases {
                let stats = &kb.statistics;
                bases.add_row([
                    kb.id.as_str(),
                    kb.title.as_str(),
                    &kb.interactions.to_string(),
                    &format!(
                        "{} ({:.0}%)",
                        stats.negative_or_contested,
                        stats.negative_or_contested_share * 100.0
                    ),
                    &format!(
                        "{} ({:.0}%)",
                        stats.with_evidence,
                        stats.evidence_share * 100.0
                    ),
                    &stats.distinct_sources.to_string(),
                ]);
            }
            format!(
                "{frameworks}\n\n{bases}\n\n`cohere show PREFIX` lists a framework's elements (`cohere show group`); `cohere show vocabularies` lists the words `level:`, `instrument:`, `sector:`, `where:` and the other closed fields accept, with their meanings.\n"
            )
        }
    };
    common::emit(&text, None)?;
    Ok(SUCCESS)
}
