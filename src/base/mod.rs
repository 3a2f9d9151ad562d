//! The ground floor: facts and small types that several stages share, importing nothing of the
//! crate, so that the catalog stands alone under the reader and diagnostics under everything
//! (ARCHITECTURE.md). Limits on figures and texts, calendar dates, line positions in CSV text,
//! and the terms of a minimum configuration (SPEC §2 `min_config`).

mod config_term;
mod date;
mod limits;
mod lines;

pub use config_term::ConfigTerm;
pub use date::{parse_iso_date, valid_ymd};
pub use limits::{fits_a_cell, MAX_PEOPLE, MAX_TEXT, MAX_WORDS};
pub use lines::LineIndex;
