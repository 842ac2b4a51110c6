//! Governance rules: coordination between institutions, partnership with the countries
//! affected, and the floor of minimum standards (the seed's two-track process).

pub mod floor_breach;
pub mod uncoordinated_conflict;
pub mod unilateral_spillover;
