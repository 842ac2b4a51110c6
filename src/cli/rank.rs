//! `cohere rank`.

use super::SUCCESS;
use super::args::{ListFormat, RankArgs};
use super::common;
use anyhow::{Context as _, Result, anyhow};
use cohere::analysis::influence::{CrossImpact, influence, stability};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    figures: &'a cohere::analysis::influence::Influence,
    #[serde(skip_serializing_if = "Option::is_none")]
    stability: Option<f64>,
}

pub fn run(args: RankArgs) -> Result<u8> {
    let (matrix, titles) = match &args.matrix {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            let matrix = CrossImpact::from_csv(&text)
                .map_err(|error| anyhow!("{}:{error}", path.display()))?;
            (matrix, BTreeMap::new())
        }
        None => {
            let workspace = common::load(&args.paths, &args.project)?;
            let perspective = args
                .perspective
                .map(Into::into)
                .or(workspace.settings.default_perspective);
            common::matrix_of(&workspace, perspective)
        }
    };
    if matrix.is_empty() {
        return Err(anyhow!(
            "no targets to rank: no measure declares an effect on an SDG target"
        ));
    }
    let figures = influence(&matrix);
    let shares = args
        .stability
        .map(|runs| stability(&matrix, runs, args.top, args.seed));
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by(|&a, &b| {
        figures[a]
            .rank
            .cmp(&figures[b].rank)
            .then(figures[a].id.cmp(&figures[b].id))
    });
    let text = match args.format {
        ListFormat::Json => {
            let rows: Vec<Row> = order
                .iter()
                .map(|&i| Row {
                    figures: &figures[i],
                    stability: shares.as_ref().map(|s| s[i]),
                })
                .collect();
            common::json(&rows)?
        }
        ListFormat::Table => {
            let mut table = common::table();
            let mut header = vec![
                "rank",
                "target",
                "out",
                "+",
                "−",
                "in",
                "2nd order",
                "total",
            ];
            if shares.is_some() {
                header.push("stability");
            }
            table.set_header(header);
            for &i in &order {
                let f = &figures[i];
                let target = match titles.get(&f.id) {
                    Some(title) => format!("{}\n{title}", f.id),
                    None => f.id.clone(),
                };
                let mut row = vec![
                    f.rank.to_string(),
                    target,
                    f.out.to_string(),
                    f.positive.to_string(),
                    f.negative.to_string(),
                    f.in_.to_string(),
                    trim(f.second_order),
                    trim(f.total),
                ];
                if let Some(shares) = &shares {
                    row.push(format!("{:.0}% in top {}", shares[i] * 100.0, args.top));
                }
                table.add_row(row);
            }
            let mut text = format!("{table}\n");
            text.push_str("out = row sum; in = column sum; 2nd order = ½ Σⱼ M[i][j] × out[j]; total = out + 2nd order (Weitz et al. 2018)\n");
            if let Some(runs) = args.stability {
                text.push_str(&format!(
                    "stability: share of {runs} runs, every nonzero score moved by ±1 (seed {}), in which the target ranks in the top {}\n",
                    args.seed, args.top
                ));
            }
            text
        }
    };
    common::emit(&text, None)?;
    Ok(SUCCESS)
}

/// `235.5`, `302` — no trailing `.0`.
fn trim(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}
