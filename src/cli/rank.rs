//! `cohere rank`: the targets in play ranked by their influence, one ranking per perspective of
//! the portfolio (a destination country's and an origin country's policies see different
//! interactions), each saying which perspective it takes.

use super::SUCCESS;
use super::args::{ListFormat, RankArgs};
use super::common;
use anyhow::{Context as _, Result, anyhow};
use cohere::analysis::influence::{
    CrossImpact, Influence, acts_in, admits_for, influence, perspectives_of, stability,
    targets_in_play_for,
};
use cohere::model::vocabulary::Perspective;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Row<'a> {
    /// The perspective of the ranking the row belongs to (none for a CSV matrix).
    #[serde(skip_serializing_if = "Option::is_none")]
    perspective: Option<Perspective>,
    #[serde(flatten)]
    figures: &'a Influence,
    #[serde(skip_serializing_if = "Option::is_none")]
    stability: Option<f64>,
}

/// One ranking: its matrix, the titles of its targets, and what it is seen from.
struct Ranking {
    perspective: Option<Perspective>,
    /// How many policies' measures put its targets in play.
    policies: usize,
    matrix: CrossImpact,
    titles: BTreeMap<String, String>,
}

pub fn run(args: RankArgs) -> Result<u8> {
    let rankings = match &args.matrix {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            let matrix = CrossImpact::from_csv(&text)
                .map_err(|error| anyhow!("{}:{error}", path.display()))?;
            vec![Ranking {
                perspective: None,
                policies: 0,
                matrix,
                titles: BTreeMap::new(),
            }]
        }
        None => {
            let workspace = common::load(&args.paths, &args.project)?;
            let model = &workspace.model;
            let perspectives = match args.perspective {
                Some(perspective) => vec![perspective.into()],
                None => perspectives_of(model),
            };
            perspectives
                .into_iter()
                .map(|perspective| {
                    let targets = targets_in_play_for(model, perspective);
                    let matrix =
                        CrossImpact::from_model(model, &targets, admits_for(Some(perspective)));
                    let titles = common::titles_of(model, &targets);
                    let policies = model
                        .policies
                        .iter()
                        .filter(|p| acts_in(p.perspective, perspective))
                        .count();
                    Ranking {
                        perspective: Some(perspective),
                        policies,
                        matrix,
                        titles,
                    }
                })
                .filter(|ranking| !ranking.matrix.is_empty())
                .collect()
        }
    };
    if rankings.is_empty() {
        return Err(anyhow!(
            "no targets to rank: no measure declares an effect on an SDG target"
        ));
    }
    let text = match args.format {
        ListFormat::Json => {
            let computed: Vec<(Vec<Influence>, Option<Vec<f64>>)> = rankings
                .iter()
                .map(|r| (influence(&r.matrix), shares(&args, &r.matrix)))
                .collect();
            let mut rows = Vec::new();
            for (ranking, (figures, shares)) in rankings.iter().zip(&computed) {
                for i in order(figures) {
                    rows.push(Row {
                        perspective: ranking.perspective,
                        figures: &figures[i],
                        stability: shares.as_ref().map(|s| s[i]),
                    });
                }
            }
            common::json(&rows)?
        }
        ListFormat::Table => {
            let mut text = String::new();
            for ranking in &rankings {
                text.push_str(&table(&args, ranking));
            }
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

/// The stability shares, when asked for and meaningful: with no more targets than the top k,
/// every target is in the top k whatever the scores.
fn shares(args: &RankArgs, matrix: &CrossImpact) -> Option<Vec<f64>> {
    let runs = args.stability?;
    (matrix.len() > args.top).then(|| stability(matrix, runs, args.top, args.seed))
}

/// Rows in rank order, ties by id.
fn order(figures: &[Influence]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by(|&a, &b| {
        figures[a]
            .rank
            .cmp(&figures[b].rank)
            .then(figures[a].id.cmp(&figures[b].id))
    });
    order
}

/// What a ranking is seen from, in words.
fn heading(ranking: &Ranking) -> Option<String> {
    let perspective = ranking.perspective?;
    let targets = ranking.matrix.len();
    let policies = match ranking.policies {
        1 => "1 policy".to_string(),
        n => format!("{n} policies"),
    };
    Some(match perspective {
        Perspective::Any => format!(
            "Seen from no side in particular: only the interactions recorded for `any` perspective; {targets} targets on which the measures of {policies} act"
        ),
        side => format!(
            "Seen from {side} countries (--perspective {side}): the interactions recorded for `{side}` and for `any`; {targets} targets on which the measures of {policies} act"
        ),
    })
}

fn table(args: &RankArgs, ranking: &Ranking) -> String {
    let figures = influence(&ranking.matrix);
    let shares = shares(args, &ranking.matrix);
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
    for i in order(&figures) {
        let f = &figures[i];
        let target = match ranking.titles.get(&f.id) {
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
    let mut text = String::new();
    if let Some(heading) = heading(ranking) {
        text.push_str(&heading);
        text.push_str(":\n");
    }
    text.push_str(&format!("{table}\n"));
    if args.stability.is_some() && shares.is_none() {
        text.push_str(&format!(
            "stability: not computed: the {} targets are all in the top {} whatever the scores (lower --top)\n",
            ranking.matrix.len(),
            args.top
        ));
    }
    text.push('\n');
    text
}

/// `235.5`, `302` — no trailing `.0`.
fn trim(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}
