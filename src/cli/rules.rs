//! `cohere rules`.

use super::SUCCESS;
use super::args::{RulesArgs, RulesFormat};
use super::common;
use anyhow::Result;
use cohere::rules::RULES;
use comfy_table::{Table, presets};

pub fn run(args: RulesArgs) -> Result<u8> {
    let text = match args.format {
        RulesFormat::Markdown => cohere::rules::rules_markdown(),
        RulesFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "id": rule.meta.id,
                        "category": rule.meta.category.as_str(),
                        "severity": rule.meta.default_severity.as_str(),
                        "summary": rule.meta.summary,
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&rules)?;
            text.push('\n');
            text
        }
        RulesFormat::Table => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_header(["rule", "category", "default", "finds"]);
            for rule in RULES {
                table.add_row([
                    rule.meta.id,
                    rule.meta.category.as_str(),
                    rule.meta.default_severity.as_str(),
                    rule.meta.summary,
                ]);
            }
            format!("{table}\n")
        }
    };
    common::emit(&text, None)?;
    Ok(SUCCESS)
}
