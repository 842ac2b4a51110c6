//! Capacity rules: the four capacities coherent migration governance needs — statistical
//! (indicators), analytical (evidence), institutional (leads) and political (reporting back).

pub mod missing_evidence;
pub mod missing_indicator;
pub mod missing_lead;
pub mod no_reporting;
