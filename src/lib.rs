//! rasoat: from IT-equipment surveys of HCMC's political system to deduplicated procurement
//! needs and exact cost estimates.
//!
//! The pipeline is pure and staged: [`read`] (files → [`read::Survey`]) → [`needs`]
//! (surveys + [`catalog::Catalog`] → need lines) → [`cost`] (lines + prices → estimate) →
//! [`report`] (estimate → JSON, CSV, workbooks, tables). The library never prints or exits.

pub mod base;
pub mod catalog;
pub mod cost;
pub mod diag;
pub mod diff;
pub mod fold;
pub mod input;
pub mod needs;
pub mod needs_json;
pub mod pipeline;
pub mod plan;
pub mod read;
pub mod report;
pub mod template;
