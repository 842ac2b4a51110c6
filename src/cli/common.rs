//! Helpers shared by the commands: loading, colour, errors, atomic output.

use super::args::{ColorChoice, ProjectArgs};
use anyhow::{Context as _, Result, anyhow};
use cohere::config::Selector;
use cohere::project::{ConfigChoice, LoadError, LoadRequest, Workspace};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Loads the workspace for `paths` with the project settings of `project`.
pub fn load(paths: &[PathBuf], project: &ProjectArgs) -> Result<Workspace> {
    load_request(LoadRequest::new(paths.to_vec()), project)
}

/// Loads the workspace for `paths` with paths shown relative to `root`.
pub fn load_from(paths: &[PathBuf], project: &ProjectArgs, root: PathBuf) -> Result<Workspace> {
    let mut request = LoadRequest::new(paths.to_vec());
    request.display_root = Some(root);
    load_request(request, project)
}

/// Loads the project of the working directory if there is one, else the built-in frameworks.
pub fn load_frameworks(project: &ProjectArgs) -> Result<Workspace> {
    let mut request = LoadRequest::new(Vec::new());
    request.frameworks_only_without_project = true;
    load_request(request, project)
}

fn load_request(mut request: LoadRequest, project: &ProjectArgs) -> Result<Workspace> {
    request.config = if project.isolated {
        ConfigChoice::Isolated
    } else if let Some(file) = &project.config {
        ConfigChoice::File(file.clone())
    } else {
        ConfigChoice::Discover
    };
    let workspace = cohere::project::load(&request)?;
    for warning in &workspace.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(workspace)
}

/// Whether to colour output going to stdout (or stderr).
pub fn use_color(choice: ColorChoice, stderr: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let terminal = if stderr {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            };
            terminal && !no_color
        }
    }
}

/// Parses `--select` / `--ignore` values.
pub fn selectors(names: &[String]) -> Result<Vec<Selector>> {
    names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|name| {
            Selector::parse(name.trim(), cohere::rules::CATALOG).ok_or_else(|| {
                anyhow!(
                    "unknown rule or category `{}`\n  help: {}",
                    name.trim(),
                    Selector::unknown_help(name.trim(), cohere::rules::CATALOG)
                )
            })
        })
        .collect()
}

/// Writes `text` to `path` atomically (a temporary file renamed over it), or to stdout.
pub fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => Ok(()),
                // A closed pipe (`cohere … | head`) is not an error of cohere's.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(error) => Err(error).context("cannot write to standard output"),
            }
        }
        Some(path) => write_atomically(path, text.as_bytes()),
    }
}

/// Streams output to standard output, or to a file written as `output_file` writes every file
/// (atomically, as the umask says, never through a symbolic link): `write` is handed a
/// buffered writer and writes the output piece by piece.
pub fn emit_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        None => {
            let stdout = std::io::stdout().lock();
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
            match write(&mut out).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`cohere … | head`) is not an error of cohere's.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(error) => Err(error).context("cannot write to standard output"),
            }
        }
        Some(path) => Ok(cohere::output_file::write_with(path, write)?),
    }
}

/// Writes a file atomically, as the umask says, never through a symbolic link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(cohere::output_file::write(path, bytes)?)
}

/// Creates a file atomically, failing if it exists (never replacing one, even in a race).
pub fn create_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(cohere::output_file::create_new(path, bytes)?)
}

/// Prints an error that stops cohere: a project-file error with its line, others plainly.
pub fn print_error(error: &anyhow::Error) {
    if let Some(LoadError::Config {
        path,
        text,
        line,
        error: config,
        ..
    }) = error.downcast_ref::<LoadError>()
    {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let renderer = if use_color(ColorChoice::Auto, true) {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let start = config.span.start as usize;
        let line_start = text[..start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let source = &text[line_start..line_end];
        let from = start.saturating_sub(line_start).min(source.len());
        let to = (config.span.end as usize)
            .saturating_sub(line_start)
            .clamp(from, source.len());
        let to = if to == from {
            (from + 1).min(source.len())
        } else {
            to
        };
        let mut report = vec![
            Level::ERROR
                .primary_title(format!("invalid project file: {}", config.message))
                .element(
                    Snippet::source(source)
                        .line_start(*line as usize)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(from..to)),
                ),
        ];
        if let Some(help) = &config.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        eprintln!("{}", renderer.render(&report));
        return;
    }
    eprintln!("error: {error:#}");
    if let Some(LoadError::NoProject(_)) = error.downcast_ref::<LoadError>() {
        eprintln!(
            "  help: give the files or directories to lint, or run `cohere init` to create a project"
        );
    }
}

/// A table in the project's style, as wide as the terminal says (`COLUMNS`) or 100.
pub fn table() -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100);
    table.set_width(width);
    table
}

/// Serializes a value as pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// The cross-impact matrix of a workspace's targets in play, and their titles by id.
pub fn matrix_of(
    workspace: &Workspace,
    perspective: Option<cohere::model::vocabulary::Perspective>,
) -> (
    cohere::analysis::influence::CrossImpact,
    std::collections::BTreeMap<String, String>,
) {
    use cohere::analysis::influence::{CrossImpact, admits_for, targets_in_play};
    let model = &workspace.model;
    let targets = targets_in_play(model);
    let matrix = CrossImpact::from_model(model, &targets, admits_for(perspective));
    (matrix, titles_of(model, &targets))
}

/// The titles of `targets`, by id.
pub fn titles_of(
    model: &cohere::model::Model,
    targets: &[cohere::model::ElementIdx],
) -> std::collections::BTreeMap<String, String> {
    targets
        .iter()
        .map(|&t| {
            let element = model.element(t);
            (element.id.to_string(), element.title.clone())
        })
        .collect()
}
