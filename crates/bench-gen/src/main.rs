//! `bench-gen --measures N --seed S --out DIR`: writes a synthetic policy repository, for
//! benchmarks (`scripts/bench-gen` runs it in release). The same N and S give the same bytes.

use anyhow::{Context, Result};
use clap::Parser;
use cohere_bench_gen::generate;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a synthetic policy repository, for benchmarks (deterministic for a seed).
#[derive(Debug, Parser)]
#[command(name = "bench-gen")]
struct Args {
    /// How many measures the repository holds.
    #[arg(long, value_name = "N")]
    measures: usize,
    /// The seed: the same seed and size give the same bytes.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The directory to write into (created if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn run(args: &Args) -> Result<()> {
    let workload = generate(args.measures, args.seed);
    workload
        .write_to(&args.out)
        .with_context(|| format!("cannot write to `{}`", args.out.display()))?;
    eprintln!(
        "wrote {} measures in {} files ({} bytes) to {}",
        workload.measures,
        workload.files.len(),
        workload.bytes(),
        args.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
