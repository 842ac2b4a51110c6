//! `cohere bench-gen` (hidden): writes a synthetic repository for benchmarks.

use super::SUCCESS;
use super::args::BenchGenArgs;
use anyhow::{Context, Result};
use cohere::bench_gen::generate;

pub fn run(args: BenchGenArgs) -> Result<u8> {
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
    Ok(SUCCESS)
}
