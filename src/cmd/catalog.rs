//! `rasoat catalog check|show` (SPEC §1, §2).

use super::{load_catalog, print_catalog_errors, Exit, Ui};
use crate::cli::{CatalogCmd, SummaryFormat};
use rasoat::catalog::Catalog;
use rasoat::report::catalog_view;

pub fn catalog(ui: &Ui, c: CatalogCmd) -> Exit {
    match c {
        CatalogCmd::Check { dir } => match Catalog::load(Some(&dir)) {
            Ok(cat) => {
                if !ui.quiet {
                    super::out(&format!(
                        "{}: {} — {} {}, {} {}, {} {}\n",
                        dir.display(),
                        ui.t("ok", "hợp lệ"),
                        cat.items.len(),
                        ui.t("items", "thiết bị"),
                        cat.prices.iter().flatten().count(),
                        ui.t("prices", "đơn giá"),
                        cat.routes.len(),
                        ui.t("routing rows", "dòng phân luồng")
                    ));
                }
                Exit::Ok
            }
            Err(errs) => {
                print_catalog_errors(ui, Some(&dir), &errs);
                Exit::Usage
            }
        },
        CatalogCmd::Show { dir, format } => {
            let cat = match load_catalog(ui, dir.as_deref()) {
                Ok(c) => c,
                Err(e) => return e,
            };
            match format {
                SummaryFormat::Json => super::out(&format!("{}\n", catalog_view::json(&cat))),
                SummaryFormat::Table => super::out(&catalog_view::table(&cat, ui.lang)),
            }
            Exit::Ok
        }
    }
}
