//! Influence of targets over each other: the method of SEI's SDG Synergies tool (Weitz, Carlsen,
//! Nilsson & Skånberg, Sustainability Science 13, 2018).
//!
//! Over a cross-impact matrix `M` (`M[i][j]` = the score of target i's effect on target j, on the
//! Nilsson scale; the diagonal is zero):
//!
//! - `out[i]` = Σ_j M\[i]\[j] — how much i moves the others (the row sum);
//! - `positive[i]`, `negative[i]` — the row sum of the positive and of the negative scores;
//! - `in[i]` = Σ_j M\[j]\[i] — how much i is moved (the column sum);
//! - `second_order[i]` = 0.5 × Σ_j M\[i]\[j] × out\[j] — half the row sum of M², the influence
//!   that passes through the targets i moves;
//! - `total[i]` = out\[i] + second_order\[i], by which targets are ranked (ties share a rank).
//!
//! Scores are judgements, so rankings are fragile. [`stability`] perturbs every nonzero score by
//! ±1 (within the scale) in seeded, reproducible runs and reports how often each target keeps a
//! place in the top k.

use crate::model::{ElementIdx, Model};
use crate::vocabulary::Perspective;
use serde::Serialize;

/// The targets in play: SDG targets on which some measure declares an effect, in the
/// frameworks' order. These are the rows and columns of the repository's cross-impact matrix.
pub fn targets_in_play(model: &Model) -> Vec<ElementIdx> {
    targets_in_play_for(model, Perspective::Any)
}

/// The perspectives of a portfolio's policies, in the vocabulary's order: one ranking each.
/// Policies whose perspective is `any` hold on every side and add none; a portfolio of such
/// policies only (or of none) has the one perspective `any`.
pub fn perspectives_of(model: &Model) -> Vec<Perspective> {
    let mut found: Vec<Perspective> = model
        .policies
        .iter()
        .map(|p| p.perspective)
        .filter(|&p| p != Perspective::Any)
        .collect();
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        found.push(Perspective::Any);
    }
    found
}

/// Whether a policy of perspective `policy` is part of the ranking seen from `perspective`:
/// its own side, a policy that holds on every side, or every policy for `any`.
pub fn acts_in(policy: Perspective, perspective: Perspective) -> bool {
    policy == perspective || policy == Perspective::Any || perspective == Perspective::Any
}

/// The targets in play seen from `perspective`: those on which a measure of a policy with that
/// perspective (or with `any`) declares an effect, in the frameworks' order.
pub fn targets_in_play_for(model: &Model, perspective: Perspective) -> Vec<ElementIdx> {
    let mut in_play = vec![false; model.elements.len()];
    for measure in &model.measures {
        if !acts_in(model.policy(measure.policy).perspective, perspective) {
            continue;
        }
        for effect in &measure.effects {
            in_play[effect.target.index()] = true;
        }
    }
    (0..model.elements.len())
        .map(ElementIdx::new)
        .filter(|&e| {
            let element = model.element(e);
            in_play[e.index()] && element.kind == "target" && element.id.prefix() == "sdg"
        })
        .collect()
}

/// Which interactions a matrix for `perspective` uses: those recorded for that perspective and
/// those recorded for `any`; with no perspective, only those recorded for `any`.
pub fn admits_for(perspective: Option<Perspective>) -> impl Fn(Perspective) -> bool {
    move |recorded| recorded == Perspective::Any || Some(recorded) == perspective
}

/// A square cross-impact matrix with named rows and columns.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossImpact {
    /// The targets, in row (and column) order.
    pub ids: Vec<String>,
    /// `scores[i][j]`: the effect of target i on target j.
    pub scores: Vec<Vec<i8>>,
}

/// A problem with a CSV matrix, at a line and column (both from 1).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct CsvError {
    /// The line.
    pub line: usize,
    /// The column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl CrossImpact {
    /// Reads a matrix from CSV: a header row `from\to,<id>,<id>,…`, then one row per id in the
    /// same order, each `<id>,<score>,…`. Scores are whole numbers from -3 to 3; an empty cell
    /// is 0. Quoted cells are allowed.
    pub fn from_csv(text: &str) -> Result<CrossImpact, CsvError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rows: Vec<(usize, Vec<(usize, String)>)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            rows.push((n + 1, split_csv_line(line, n + 1)?));
        }
        let Some((header_line, header)) = rows.first().cloned() else {
            return Err(CsvError {
                line: 1,
                column: 1,
                message: "the file is empty".into(),
            });
        };
        let ids: Vec<String> = header
            .iter()
            .skip(1)
            .map(|(_, cell)| cell.trim().to_string())
            .collect();
        if ids.is_empty() {
            return Err(CsvError {
                line: header_line,
                column: 1,
                message: "the header names no targets: expected `from\\to,<id>,<id>,…`".into(),
            });
        }
        for (i, id) in ids.iter().enumerate() {
            if id.is_empty() || ids[..i].contains(id) {
                let column = header[i + 1].0;
                let message = if id.is_empty() {
                    "an empty target id in the header".to_string()
                } else {
                    format!("target `{id}` appears twice in the header")
                };
                return Err(CsvError {
                    line: header_line,
                    column,
                    message,
                });
            }
        }
        let body = &rows[1..];
        if body.len() != ids.len() {
            let line = body.last().map_or(header_line, |(l, _)| *l);
            return Err(CsvError {
                line,
                column: 1,
                message: format!(
                    "{} targets in the header but {} rows",
                    ids.len(),
                    body.len()
                ),
            });
        }
        let mut scores = Vec::with_capacity(ids.len());
        for (i, (line, cells)) in body.iter().enumerate() {
            let row_id = cells.first().map(|(_, c)| c.trim()).unwrap_or_default();
            if row_id != ids[i] {
                return Err(CsvError {
                    line: *line,
                    column: 1,
                    message: format!(
                        "row {} is `{row_id}`, expected `{}` (rows follow the header's order)",
                        i + 1,
                        ids[i]
                    ),
                });
            }
            if cells.len() != ids.len() + 1 {
                return Err(CsvError {
                    line: *line,
                    column: cells.last().map_or(1, |(c, _)| *c),
                    message: format!(
                        "{} scores in the row, expected {}",
                        cells.len() - 1,
                        ids.len()
                    ),
                });
            }
            let mut row = Vec::with_capacity(ids.len());
            for (j, (column, cell)) in cells.iter().skip(1).enumerate() {
                let cell = cell.trim();
                let value: i64 = if cell.is_empty() {
                    0
                } else {
                    cell.trim_start_matches('+').parse().map_err(|_| CsvError {
                        line: *line,
                        column: *column,
                        message: format!("`{cell}` is not a whole number"),
                    })?
                };
                if !(-3..=3).contains(&value) {
                    return Err(CsvError {
                        line: *line,
                        column: *column,
                        message: format!("score {value} is outside the scale -3..3"),
                    });
                }
                if i == j && value != 0 {
                    return Err(CsvError {
                        line: *line,
                        column: *column,
                        message: format!(
                            "`{}` scores itself {value}; the diagonal must be 0",
                            ids[i]
                        ),
                    });
                }
                row.push(value as i8);
            }
            scores.push(row);
        }
        Ok(CrossImpact { ids, scores })
    }

    /// The matrix of `elements` from the knowledge base: `M[i][j]` is the score of the
    /// interaction from i to j that holds for `perspective` (a perspective-specific interaction
    /// wins over one recorded for `any`), or 0.
    pub fn from_model(
        model: &Model,
        elements: &[ElementIdx],
        admits: impl Fn(Perspective) -> bool,
    ) -> CrossImpact {
        let position: std::collections::HashMap<ElementIdx, usize> =
            elements.iter().enumerate().map(|(i, e)| (*e, i)).collect();
        let n = elements.len();
        let mut scores = vec![vec![0i8; n]; n];
        let mut specific = vec![vec![false; n]; n];
        for interaction in &model.interactions {
            let (Some(&i), Some(&j)) = (
                position.get(&interaction.from),
                position.get(&interaction.to),
            ) else {
                continue;
            };
            if !admits(interaction.perspective) {
                continue;
            }
            let is_specific = interaction.perspective != Perspective::Any;
            if is_specific || !specific[i][j] {
                scores[i][j] = interaction.score.value();
                specific[i][j] |= is_specific;
            }
        }
        CrossImpact {
            ids: elements
                .iter()
                .map(|e| model.element(*e).id.to_string())
                .collect(),
            scores,
        }
    }

    /// The number of targets.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the matrix is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

fn split_csv_line(line: &str, line_number: usize) -> Result<Vec<(usize, String)>, CsvError> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut start = 1;
    let mut quoted = false;
    let mut chars = line.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek().map(|(_, n)| *n) == Some('"') {
                    cell.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            '"' if cell.trim().is_empty() => quoted = true,
            ',' if !quoted => {
                cells.push((start, std::mem::take(&mut cell)));
                start = i + 2;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(CsvError {
            line: line_number,
            column: start,
            message: "a quoted cell is not closed".into(),
        });
    }
    cells.push((start, cell));
    Ok(cells)
}

/// One target's influence figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Influence {
    /// The target.
    pub id: String,
    /// Row sum: how much it moves the others.
    pub out: i64,
    /// Sum of the positive scores in its row.
    pub positive: i64,
    /// Sum of the negative scores in its row.
    pub negative: i64,
    /// Column sum: how much it is moved.
    #[serde(rename = "in")]
    pub in_: i64,
    /// 0.5 × Σ_j M\[i]\[j] × out\[j].
    pub second_order: f64,
    /// out + second order.
    pub total: f64,
    /// 1 for the highest total; ties share a rank.
    pub rank: usize,
}

/// The influence of every target, in matrix order.
pub fn influence(matrix: &CrossImpact) -> Vec<Influence> {
    let totals = totals(&matrix.scores);
    let ranks = ranks(&totals.iter().map(|t| t.2).collect::<Vec<_>>());
    matrix
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let row = &matrix.scores[i];
            Influence {
                id: id.clone(),
                out: totals[i].0,
                positive: row.iter().filter(|&&s| s > 0).map(|&s| i64::from(s)).sum(),
                negative: row.iter().filter(|&&s| s < 0).map(|&s| i64::from(s)).sum(),
                in_: matrix.scores.iter().map(|r| i64::from(r[i])).sum(),
                second_order: totals[i].1,
                total: totals[i].2,
                rank: ranks[i],
            }
        })
        .collect()
}

/// (out, second order, total) for each row.
fn totals(scores: &[Vec<i8>]) -> Vec<(i64, f64, f64)> {
    let out: Vec<i64> = scores
        .iter()
        .map(|row| row.iter().map(|&s| i64::from(s)).sum())
        .collect();
    scores
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let through: i64 = row.iter().zip(&out).map(|(&s, &o)| i64::from(s) * o).sum();
            let second = 0.5 * through as f64;
            (out[i], second, out[i] as f64 + second)
        })
        .collect()
}

/// Competition ranking by descending value: 1, 2, 2, 4.
fn ranks(values: &[f64]) -> Vec<usize> {
    values
        .iter()
        .map(|v| 1 + values.iter().filter(|w| **w > *v + 1e-9).count())
        .collect()
}

/// A small, portable, seeded random number generator (SplitMix64), so that stability runs are
/// the same on every machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// How stable each target's top-`k` place is: the share of `runs` perturbed matrices (every
/// nonzero score moved by +1 or -1 at random, kept within -3..3) in which the target ranks in
/// the top `k`. Seeded: the same seed gives the same shares.
pub fn stability(matrix: &CrossImpact, runs: usize, k: usize, seed: u64) -> Vec<f64> {
    let n = matrix.len();
    let mut kept = vec![0usize; n];
    let mut rng = SplitMix64(seed);
    let mut perturbed = matrix.scores.clone();
    for _ in 0..runs {
        for (row, original) in perturbed.iter_mut().zip(&matrix.scores) {
            for (cell, &score) in row.iter_mut().zip(original) {
                *cell = if score == 0 {
                    0
                } else {
                    let step = if rng.next() & 1 == 0 { -1 } else { 1 };
                    (score + step).clamp(-3, 3)
                };
            }
        }
        let totals: Vec<f64> = totals(&perturbed).iter().map(|t| t.2).collect();
        for (i, rank) in ranks(&totals).into_iter().enumerate() {
            if rank <= k {
                kept[i] += 1;
            }
        }
    }
    kept.into_iter()
        .map(|count| {
            if runs == 0 {
                0.0
            } else {
                count as f64 / runs as f64
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A three-target matrix computed by hand:
    ///
    /// ```text
    ///        a   b   c        out  second order                      total
    ///   a    0   2  -1         1   0.5 × (2×3 + (-1)×1) = 2.5          3.5
    ///   b    1   0   2         3   0.5 × (1×1 + 2×1)    = 1.5          4.5
    ///   c    3  -2   0         1   0.5 × (3×1 + (-2)×3) = -1.5        -0.5
    /// ```
    fn abc() -> CrossImpact {
        CrossImpact::from_csv("from\\to,a,b,c\na,0,2,-1\nb,1,0,2\nc,3,-2,0\n").unwrap()
    }

    #[test]
    fn hand_computed_figures() {
        let figures = influence(&abc());
        let a = &figures[0];
        assert_eq!((a.out, a.positive, a.negative, a.in_), (1, 2, -1, 4));
        assert_eq!((a.second_order, a.total, a.rank), (2.5, 3.5, 2));
        let b = &figures[1];
        assert_eq!(
            (b.out, b.in_, b.second_order, b.total, b.rank),
            (3, 0, 1.5, 4.5, 1)
        );
        let c = &figures[2];
        assert_eq!((c.out, c.positive, c.negative, c.in_), (1, 3, -2, 1));
        assert_eq!((c.second_order, c.total, c.rank), (-1.5, -0.5, 3));
    }

    #[test]
    fn ties_share_a_rank() {
        let m = CrossImpact::from_csv("from\\to,a,b,c\na,0,1,0\nb,1,0,0\nc,0,0,0\n").unwrap();
        let ranks: Vec<usize> = influence(&m).iter().map(|f| f.rank).collect();
        assert_eq!(ranks, [1, 1, 3]);
    }

    #[test]
    fn csv_errors_are_located() {
        let error = CrossImpact::from_csv("from\\to,a,b\na,0,x\nb,1,0\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 5));
        assert_eq!(error.message, "`x` is not a whole number");
        let error = CrossImpact::from_csv("from\\to,a,b\nb,0,1\na,1,0\n").unwrap_err();
        assert_eq!(error.line, 2);
        let error = CrossImpact::from_csv("from\\to,a,b\na,0,4\nb,1,0\n").unwrap_err();
        assert!(error.message.contains("outside the scale"));
        let error = CrossImpact::from_csv("from\\to,a,b\na,1,0\nb,1,0\n").unwrap_err();
        assert!(error.message.contains("diagonal"));
        let error = CrossImpact::from_csv("from\\to,a,b\na,0,1\n").unwrap_err();
        assert!(error.message.contains("2 targets in the header but 1 rows"));
    }

    #[test]
    fn quoted_cells_and_empty_cells() {
        let m = CrossImpact::from_csv("\"from\\to\",\"a\",\"b\"\n\"a\",,\"+2\"\nb,-1,\n").unwrap();
        assert_eq!(m.scores, vec![vec![0, 2], vec![-1, 0]]);
    }

    #[test]
    fn stability_is_reproducible_and_bounded() {
        let m = abc();
        let first = stability(&m, 200, 1, 42);
        assert_eq!(first, stability(&m, 200, 1, 42));
        assert!(first.iter().all(|s| (0.0..=1.0).contains(s)));
        // b leads by a clear margin; it keeps first place in most perturbed runs.
        assert!(first[1] > first[0] && first[1] > first[2], "{first:?}");
        // A matrix of zeros cannot be perturbed: every target ties for first every time.
        let zeros = CrossImpact::from_csv("from\\to,a,b\na,0,0\nb,0,0\n").unwrap();
        assert_eq!(stability(&zeros, 10, 1, 7), vec![1.0, 1.0]);
    }
}
