//! `routing.csv` (SPEC §2, §4 `channel`): who procures what. The first matching row wins; no match means `self`.

use super::{said, Block, Channel, Errors, Item, Level, Price, Said, Table, SELF};
use serde::Serialize;

const FILE: &str = "routing.csv";
const COLUMNS: &[&str] = &["item", "block", "level", "channel", "basis"];

/// What a routing row's `item` column names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RouteItem {
    Code(String),
    Group(String),
    Any,
}

/// One routing row.
#[derive(Debug, Clone, Serialize)]
pub struct Route {
    pub item: RouteItem,
    pub block: Option<Block>,
    pub level: Option<Level>,
    pub channel: String,
    /// Legal basis (căn cứ).
    pub basis: String,
    pub line: u64,
}

impl Route {
    fn matches(&self, item: &Item, block: Block, level: Level) -> bool {
        let item_ok = match &self.item {
            RouteItem::Code(c) => *c == item.code,
            RouteItem::Group(g) => *g == item.group,
            RouteItem::Any => true,
        };
        item_ok && self.block.is_none_or(|b| b == block) && self.level.is_none_or(|l| l == level)
    }

    /// The row as written: `item,block,level`.
    pub fn describe(&self) -> String {
        let item = match &self.item {
            RouteItem::Code(c) => c.clone(),
            RouteItem::Group(g) => format!("group:{g}"),
            RouteItem::Any => "*".into(),
        };
        format!(
            "routing.csv line {}: {item}, {}, {} → {}",
            self.line,
            self.block.map_or("*", Block::as_str),
            self.level.map_or("*", Level::as_str),
            self.channel
        )
    }
}

pub(super) fn route<'a>(
    routes: &'a [Route],
    item: &Item,
    block: Block,
    level: Level,
) -> (&'a str, Option<&'a Route>) {
    match routes.iter().find(|r| r.matches(item, block, level)) {
        Some(r) => (r.channel.as_str(), Some(r)),
        None => (SELF, None),
    }
}

pub(super) fn parse(
    text: &str,
    items: &[Item],
    channels: &[Channel],
    errs: &mut Errors,
) -> Vec<Route> {
    let t = Table::parse(FILE, text, COLUMNS, &[], errs);
    let mut routes = Vec::new();
    for (line, row) in &t.rows {
        let line = *line;
        let get = |c: &str| t.get(row, c);
        let mut e = |col: &str, msg: Said| errs.push(FILE, Some(line), Some(col), msg);
        let raw = get("item");
        let item = if raw == "*" {
            RouteItem::Any
        } else if let Some(g) = raw.strip_prefix("group:") {
            if !items.iter().any(|i| i.group == g) {
                e(
                    "item",
                    said!(
                        "no item has group '{g}'",
                        "không có thiết bị nào thuộc nhóm '{g}'"
                    ),
                );
            }
            RouteItem::Group(g.to_string())
        } else {
            if !items.iter().any(|i| i.code == raw) {
                e(
                    "item",
                    said!(
                        "'{raw}' is not an item code of items.csv (write a code, group:NAME or *)",
                        "'{raw}' không phải mã thiết bị trong items.csv (ghi mã, group:TÊN_NHÓM hoặc *)"
                    ),
                );
            }
            RouteItem::Code(raw.to_string())
        };
        let block = match get("block") {
            "*" => None,
            b => Block::from_code(b).or_else(|| {
                e(
                    "block",
                    said!(
                        "'{b}' is not a block; use dang, mttq, ctxh or *",
                        "'{b}' không phải khối; dùng dang, mttq, ctxh hoặc *"
                    ),
                );
                None
            }),
        };
        let level = match get("level") {
            "*" => None,
            l => Level::from_code(l).or_else(|| {
                e(
                    "level",
                    said!(
                        "'{l}' is not a level; use city, commune or *",
                        "'{l}' không phải cấp; dùng city, commune hoặc *"
                    ),
                );
                None
            }),
        };
        let channel = get("channel").to_string();
        if !channels.is_empty() && !channels.iter().any(|c| c.id == channel) {
            let ids: Vec<&str> = channels.iter().map(|c| c.id.as_str()).collect();
            e(
                "channel",
                said!(
                    "'{channel}' is not a channel of catalog.toml ({})",
                    "'{channel}' không phải kênh khai báo trong catalog.toml ({})",
                    ids.join(", ")
                ),
            );
        }
        routes.push(Route {
            item,
            block,
            level,
            channel,
            basis: get("basis").to_string(),
            line,
        });
    }
    routes
}

/// Every item that routes to `self` somewhere it applies must have a price.
pub(super) fn check_priced(
    items: &[Item],
    prices: &[Option<Price>],
    routes: &[Route],
    errs: &mut Errors,
) {
    let mut seen = std::collections::HashSet::new();
    for (item, price) in items.iter().zip(prices) {
        // A second row of the same code is already reported as a duplicate; its price is the
        // first row's.
        if !seen.insert(item.code.as_str()) || price.is_some() {
            continue;
        }
        let self_somewhere = item.blocks.iter().any(|&b| {
            item.levels
                .iter()
                .any(|&l| route(routes, item, b, l).0 == SELF)
        });
        if self_somewhere {
            errs.push(
                "prices.csv",
                None,
                Some("item"),
                said!(
                    "{} has no price but is bought by the unit itself (channel self) somewhere it applies; add a price row (items.csv line {})",
                    "{} chưa có đơn giá nhưng có nơi áp dụng do đơn vị tự mua sắm (kênh self); thêm dòng đơn giá (items.csv dòng {})",
                    item.code,
                    item.line
                ),
            );
        }
    }
}
