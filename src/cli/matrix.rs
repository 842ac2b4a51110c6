//! `cohere matrix`.

use super::SUCCESS;
use super::args::{MatrixArgs, MatrixFormat};
use super::common;
use anyhow::{Result, anyhow};
use comfy_table::{Cell, Color};
use serde::Serialize;

#[derive(Serialize)]
struct MatrixJson<'a> {
    ids: &'a [String],
    titles: Vec<&'a str>,
    scores: &'a [Vec<i8>],
}

pub fn run(args: MatrixArgs) -> Result<u8> {
    let workspace = common::load(&args.paths, &args.project)?;
    let perspective = args
        .perspective
        .map(Into::into)
        .or(workspace.settings.default_perspective);
    let (matrix, titles) = common::matrix_of(&workspace, perspective);
    if matrix.is_empty() {
        return Err(anyhow!(
            "no targets in play: no measure declares an effect on an SDG target"
        ));
    }
    let text = match args.format {
        MatrixFormat::Csv => {
            let mut text = String::from("from\\to");
            for id in &matrix.ids {
                text.push(',');
                text.push_str(id.trim_start_matches("sdg:"));
            }
            text.push('\n');
            for (id, row) in matrix.ids.iter().zip(&matrix.scores) {
                text.push_str(id.trim_start_matches("sdg:"));
                for score in row {
                    text.push_str(&format!(",{score}"));
                }
                text.push('\n');
            }
            text
        }
        MatrixFormat::Json => common::json(&MatrixJson {
            ids: &matrix.ids,
            titles: matrix
                .ids
                .iter()
                .map(|id| titles.get(id).map_or("", String::as_str))
                .collect(),
            scores: &matrix.scores,
        })?,
        MatrixFormat::Table => {
            let color = common::use_color(args.color, false);
            let mut table = comfy_table::Table::new();
            table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            if color {
                table.enforce_styling();
            } else {
                table.force_no_tty();
            }
            let short: Vec<&str> = matrix
                .ids
                .iter()
                .map(|id| id.trim_start_matches("sdg:"))
                .collect();
            let mut header = vec![Cell::new("from \\ to")];
            header.extend(short.iter().map(Cell::new));
            table.set_header(header);
            for (i, row) in matrix.scores.iter().enumerate() {
                let mut cells = vec![Cell::new(short[i])];
                for (j, &score) in row.iter().enumerate() {
                    let text = if i == j {
                        "·".to_string()
                    } else if score > 0 {
                        format!("+{score}")
                    } else {
                        score.to_string()
                    };
                    let mut cell = Cell::new(text);
                    if color && score != 0 {
                        cell = cell.fg(if score > 0 { Color::Green } else { Color::Red });
                    }
                    cells.push(cell);
                }
                table.add_row(cells);
            }
            let mut text = format!("{table}\n");
            text.push_str("row acts on column; +3 indivisible, +2 reinforcing, +1 enabling, 0 consistent, -1 constraining, -2 counteracting, -3 cancelling\n");
            for (id, title) in matrix.ids.iter().map(|id| (id, titles.get(id))) {
                if let Some(title) = title {
                    text.push_str(&format!("  {}  {title}\n", id.trim_start_matches("sdg:")));
                }
            }
            text
        }
    };
    common::emit(&text, None)?;
    Ok(SUCCESS)
}
