//! Command-line arguments (clap) and the commands behind them.

mod args;
mod common;
mod config;
mod diff;
mod explain;
mod frameworks;
mod graph;
mod init;
mod lint;
mod matrix;
mod rank;
mod report;
mod rules;
mod schema;
mod server;
mod show;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

/// Exit status: no finding at or above `--fail-on`.
pub const SUCCESS: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
pub const FINDINGS: u8 = 1;
/// Exit status: cohere could not do its job.
pub const FAILURE: u8 = 2;

/// Runs the command line.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { FAILURE } else { SUCCESS });
        }
    };
    let result = match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Frameworks(args) => frameworks::run(args),
        Command::Show(args) => show::run(args),
        Command::Rank(args) => rank::run(args),
        Command::Matrix(args) => matrix::run(args),
        Command::Config(args) => config::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Init(args) => init::run(args),
        Command::Report(args) => report::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Server(args) => server::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            common::print_error(&error);
            ExitCode::from(FAILURE)
        }
    }
}
