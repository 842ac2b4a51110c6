//! `cohere explain ID`.

use super::SUCCESS;
use super::args::ExplainArgs;
use super::common;
use anyhow::{Result, anyhow};
use cohere::rules;

pub fn run(args: ExplainArgs) -> Result<u8> {
    let Some(rule) = rules::rule(args.rule.trim()) else {
        let help = cohere::config::Selector::unknown_help(args.rule.trim(), rules::CATALOG);
        return Err(anyhow!(
            "unknown rule `{}`\n  help: {help}",
            args.rule.trim()
        ));
    };
    common::emit(&rules::explain(rule.meta), None)?;
    Ok(SUCCESS)
}
