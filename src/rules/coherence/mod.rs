//! Coherence rules: conflicts, trade-offs, spillovers, synergies and loops between measures and
//! targets.

pub mod deferred_cost;
pub mod direct_conflict;
pub mod feedback_loop;
pub mod indirect_conflict;
pub mod internal_trade_off;
pub mod spillover;
pub mod synergy;
