//! `rasoat template`: a blank survey workbook.

use super::{Exit, Ui};
use crate::cli::TemplateArgs;

pub fn template(ui: &Ui, _a: TemplateArgs) -> Exit {
    ui.error(ui.t("template is not available yet", "chưa hỗ trợ lệnh template"));
    Exit::Usage
}
