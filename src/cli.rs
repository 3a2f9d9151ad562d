//! The command-line definition (SPEC §1; clap derive). Help texts open with examples.

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
  rasoat diff out-tuan-1 out-tuan-2 -o so-sanh.xlsx
  rasoat plan out/needs.json --budget 5.000.000.000 --years 2026-2030 --out lo-trinh

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
    /// Compare two rounds: what changed between two needs.json files (or output folders).
    #[command(after_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// Phase the program's estimate over years within a yearly budget (lộ trình).
    #[command(
        after_help = "Example:\n  rasoat plan out/needs.json --budget 5.000.000.000 --years 2026-2030 --out lo-trinh\n  rasoat plan out --catalog catalogs/hcmc-2025 --budget 1500000000 --years 2026 --out lo-trinh\n  rasoat plan out --budget 1500000000 --years 2026-2027 --out lo-trinh --format json\n\nEach year buys, in order, devices that replace broken or obsolete ones, then new ones up to\nthe norm, by the catalog's item priority, as many as keep the year within --budget.\nWrites plan.json and lo-trinh.xlsx into --out. Exit 2 for a bad flag or file (nothing written)."
    )]
    Plan(PlanArgs),
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

const DIFF_HELP: &str = "\
Examples:
  rasoat diff out-tuan-1 out-tuan-2
  rasoat diff old/needs.json new/needs.json --format json > diff.json
  rasoat diff out-tuan-1 out-tuan-2 -o so-sanh.xlsx

Units are matched by code, lines by unit and item. The table shows the totals old/new/change
(program estimate, blocks, channels), then each changed unit with its changed lines.

Exit codes (as diff): 0 no difference; 1 differences; 2 a file unreadable or not a needs.json
written by rasoat, or the workbook not writable (nothing written).";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier needs.json, or the `run --out` folder holding it.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later needs.json, or the `run --out` folder holding it.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output on stdout.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
    /// Also write a workbook for Finance (sheets Tổng hợp and Chi tiết).
    #[arg(short, long, value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    /// Catalog that names the items and channels in the workbook (default: the bundled HCMC
    /// catalog); used when it is the catalog NEW was made with, else the workbook shows codes.
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
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
}

/// `--strict`, for the commands whose exit code follows the diagnostics (`explain`'s does not).
#[derive(Debug, Args)]
pub struct StrictArg {
    /// Any warning also gives exit code 1.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub strict: StrictArg,
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
    #[command(flatten)]
    pub strict: StrictArg,
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
pub struct PlanArgs {
    /// The needs.json written by `rasoat run` (or the folder holding it).
    #[arg(value_name = "NEEDS")]
    pub needs: PathBuf,
    /// Catalog folder (default: the bundled HCMC catalog); the one the needs were computed with.
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
    /// The most to spend each year, contingency included, in whole đồng: 5000000000 or
    /// 5.000.000.000.
    #[arg(long, value_name = "AMOUNT")]
    pub budget: String,
    /// The years of the roadmap: Y1-Y2 (at most 10 years) or one year Y.
    #[arg(long, value_name = "Y1-Y2")]
    pub years: String,
    /// Output folder (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Summary printed on stdout.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct ProposalArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub strict: StrictArg,
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
