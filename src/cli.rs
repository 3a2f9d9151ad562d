//! The command-line definition (clap derive). Help texts open with examples.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  rasoat run examples/submissions --out out
  rasoat check submissions/ --format github
  rasoat explain examples/submissions --unit DU-P-BENNGHE --item PC-DESKTOP
  rasoat proposal examples/submissions --out papers --unit DU-P-BENNGHE
  rasoat template --unit-type dang/commune -o mau-khao-sat.xlsx
  rasoat catalog check catalogs/hcmc-2025

Exit codes: 0 success (warnings allowed); 1 error diagnostics (outputs still written);
2 usage error, invalid catalog, or output folder not writable (nothing written).";

/// Turn IT-equipment survey spreadsheets into deduplicated procurement needs and exact cost
/// estimates (rà soát trang thiết bị CNTT).
#[derive(Debug, Parser)]
#[command(name = "rasoat", version, about, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    /// Language of messages: vi or en (default from LC_ALL / LANG: vi_* → vi, else en).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read submissions and write needs, estimates and diagnostics into --out.
    #[command(
        after_help = "Example:\n  rasoat run examples/submissions --out out\n  rasoat run a.xlsx b.csv --catalog catalogs/hcmc-2025 --as-of 2025 --out out --strict"
    )]
    Run(RunArgs),
    /// Check submissions and report what is wrong, cell by cell (no outputs written).
    #[command(
        after_help = "Example:\n  rasoat check DU-P-BENNGHE.xlsx\n  rasoat check submissions/ --format junit > report.xml"
    )]
    Check(CheckArgs),
    /// Write a blank survey workbook for units to fill in.
    #[command(
        after_help = "Example:\n  rasoat template -o mau-khao-sat.xlsx\n  rasoat template --unit-type mttq/commune -o mau-mttq-xa.xlsx"
    )]
    Template(TemplateArgs),
    /// Validate or show a catalog.
    #[command(subcommand)]
    Catalog(CatalogCmd),
    /// Explain, step by step, how a unit's needs were computed.
    #[command(
        after_help = "Example:\n  rasoat explain examples/submissions --unit DU-P-BENNGHE\n  rasoat explain examples/submissions --unit DU-P-BENNGHE --item PC-DESKTOP"
    )]
    Explain(ExplainArgs),
    /// Write each unit's draft proposal (tờ trình, .docx) and estimate (dự toán, .xlsx) into --out.
    #[command(
        after_help = "Example:\n  rasoat proposal examples/submissions --out papers\n  rasoat proposal examples/submissions --out papers --unit DU-P-BENNGHE --unit MTTQ-P-BENNGHE\n\nWrites OUT/<CODE>/to-trinh.docx and OUT/<CODE>/du-toan.xlsx for every accepted unit\n(or each --unit), and OUT/proposals.json. The figures are those of `rasoat run`."
    )]
    Proposal(ProposalArgs),
    /// Print a shell completion script.
    #[command(hide = true)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Submission files or folders (searched recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Catalog folder (default: the bundled HCMC catalog).
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
    /// Year ages are computed at (default: the catalog's reference_year).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1900..=2100))]
    pub as_of: Option<i32>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// Largest submission file read, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_mb: u64,
    /// Any warning also gives exit code 1.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Summary printed on stdout.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    Junit,
    Github,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Catalog folder (default: the bundled HCMC catalog).
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
    /// Only items that apply to this block and level, e.g. dang/commune.
    #[arg(long, value_name = "BLOCK/LEVEL")]
    pub unit_type: Option<String>,
    /// Workbook to write.
    #[arg(short, long, value_name = "FILE.xlsx")]
    pub output: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCmd {
    /// Validate a catalog folder: every finding with its file, line and column.
    Check {
        /// Catalog folder.
        dir: PathBuf,
    },
    /// Show the items with their norms, prices, VAT, channel and life.
    Show {
        /// Catalog folder (default: the bundled HCMC catalog).
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
        format: SummaryFormat,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Unit code.
    #[arg(long, value_name = "CODE")]
    pub unit: String,
    /// Only this item.
    #[arg(long, value_name = "CODE")]
    pub item: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProposalArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder (created when missing): one folder per unit, and proposals.json.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Only this unit (repeat for several); it must have an accepted submission.
    #[arg(long, value_name = "CODE")]
    pub unit: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_valid() {
        Cli::command().debug_assert();
    }
}
