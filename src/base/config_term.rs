//! The terms of a minimum configuration (SPEC §2 `min_config`: `ram_gb>=N`, `storage_gb>=N`,
//! `ssd`): written in the catalog, tested on each counted row (SPEC §4), named in diagnostics.

use serde::Serialize;
use std::fmt;

/// One term of a minimum configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigTerm {
    RamGb(u64),
    StorageGb(u64),
    Ssd,
}

impl fmt::Display for ConfigTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigTerm::RamGb(n) => write!(f, "ram_gb>={n}"),
            ConfigTerm::StorageGb(n) => write!(f, "storage_gb>={n}"),
            ConfigTerm::Ssd => f.write_str("ssd"),
        }
    }
}

impl Serialize for ConfigTerm {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl ConfigTerm {
    /// A term as the catalog writes it (spaces and case ignored): `RAM_GB >= 8` → `RamGb(8)`.
    pub fn parse(s: &str) -> Option<ConfigTerm> {
        let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let t = t.to_ascii_lowercase();
        if t == "ssd" {
            return Some(ConfigTerm::Ssd);
        }
        if let Some(n) = t.strip_prefix("ram_gb>=") {
            return n.parse().ok().map(ConfigTerm::RamGb);
        }
        if let Some(n) = t.strip_prefix("storage_gb>=") {
            return n.parse().ok().map(ConfigTerm::StorageGb);
        }
        None
    }

    /// Vietnamese description for reports.
    pub fn describe_vi(self) -> String {
        match self {
            ConfigTerm::RamGb(n) => format!("RAM ≥ {n} GB"),
            ConfigTerm::StorageGb(n) => format!("ổ cứng ≥ {n} GB"),
            ConfigTerm::Ssd => "ổ SSD".into(),
        }
    }
}
