//! `cohere server`: the language server, over stdio.

use super::args::ServerArgs;
use super::{FINDINGS, SUCCESS};
use anyhow::{Context as _, Result};

pub fn run(args: ServerArgs) -> Result<u8> {
    // stdio is the only transport; `--stdio` is accepted because LSP clients pass it.
    let _ = args.stdio;
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let clean = cohere::server::run(&connection)?;
    // Closing the connection ends the writer thread once every message queued is written.
    drop(connection);
    io_threads
        .join()
        .context("the language server's standard input or output failed")?;
    // The protocol's exit status: 0 after `shutdown`, 1 when `exit` came without it.
    Ok(if clean { SUCCESS } else { FINDINGS })
}
