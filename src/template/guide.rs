//! The instructions sheet (`Hướng dẫn`) of the survey form (SPEC §1 `template`, §3 rules): how to fill in each sheet, what the
//! checks say, and the items of the catalog with their norms and standard configurations.

use super::sheets::Styles;
use super::*;
use crate::report::vi::{config_list_vi, date_vi, norm_bounds_vi as norm_vi};

/// One line of the instructions sheet.
enum Line {
    Title(String),
    Sub(String),
    Heading(String),
    Para(String),
    Bullet(String),
    Blank,
}

/// Vietnamese names of the blocks and levels in `pairs` (those an item routes somewhere for).
fn scope_vi(it: &Item, pairs: &[(Block, Level)]) -> String {
    let blocks: Vec<Block> = Block::ALL
        .into_iter()
        .filter(|b| pairs.iter().any(|p| p.0 == *b))
        .collect();
    let levels: Vec<Level> = Level::ALL
        .into_iter()
        .filter(|l| pairs.iter().any(|p| p.1 == *l))
        .collect();
    let mut parts = Vec::new();
    if blocks.len() < it.blocks.len() {
        parts.push(
            blocks
                .iter()
                .map(|b| b.label_vi())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if levels.len() < it.levels.len() {
        parts.push(
            levels
                .iter()
                .map(|l| l.label_vi())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

fn guide_lines(catalog: &Catalog, items: &[&Item], unit_type: Option<(Block, Level)>) -> Vec<Line> {
    use Line::*;
    let mut v = vec![
        Title("HƯỚNG DẪN ĐIỀN PHIẾU KHẢO SÁT HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN".into()),
        Sub(format!(
            "Danh mục áp dụng: {}, hiệu lực từ ngày {}.",
            catalog.name,
            date_vi(&catalog.effective)
        )),
    ];
    if let Some((b, l)) = unit_type {
        v.push(Sub(format!(
            "Mẫu dành cho đơn vị thuộc {} - {}: danh sách Mã loại chỉ gồm các thiết bị áp dụng cho loại đơn vị này.",
            b.label_vi(),
            l.label_vi()
        )));
    }
    v.push(Blank);
    v.push(Heading("1. Phiếu gồm những trang nào".into()));
    v.extend([
        Bullet("Thông tin đơn vị: mã, tên, khối, cấp, trụ sở, số cán bộ, số lãnh đạo, ngày lập, lần nộp.".into()),
        Bullet("Hiện trạng: bảng kê toàn bộ trang thiết bị công nghệ thông tin đơn vị đang quản lý, sử dụng, kể cả thiết bị hỏng, cũ.".into()),
        Bullet("Đề xuất (không bắt buộc): số lượng đơn vị đề nghị trang bị thêm cho từng mã loại, kèm lý do.".into()),
        Bullet("Danh mục (trang ẩn): danh sách mã loại cho các ô chọn; không sửa, không xóa.".into()),
        Para("Không đổi tên các trang, không xóa hoặc đổi tên cột tiêu đề, không gộp ô trong bảng. Bảng đã chuẩn bị sẵn 200 dòng; cần thêm thì chèn dòng ở cuối bảng. Các ô có ô chọn hoặc kiểm tra số sẽ hiện hướng dẫn khi chọn ô.".into()),
        Blank,
        Heading("2. Trang Thông tin đơn vị".into()),
        Bullet("Mã đơn vị (bắt buộc): mã do cơ quan tổng hợp cấp, ví dụ DU-P-BENNGHE; giữ nguyên ở mọi lần nộp.".into()),
        Bullet("Tên đơn vị (bắt buộc): tên đầy đủ, ví dụ Đảng ủy phường Bến Nghé.".into()),
        Bullet("Khối (bắt buộc): chọn Đảng, Mặt trận Tổ quốc hoặc Chính trị - xã hội (các hội, đoàn thể).".into()),
        Bullet("Cấp (bắt buộc): chọn Thành phố, Phường, Xã hoặc Đặc khu.".into()),
        Bullet("Mã trụ sở: xem mục 6; để trống nếu đơn vị có trụ sở riêng.".into()),
        Bullet("Số cán bộ (bắt buộc): tổng biên chế, số nguyên; định mức máy tính, máy in, máy scan... tính theo số này.".into()),
        Bullet("Số lãnh đạo: số lãnh đạo thuộc nhóm được trang bị thêm máy tính xách tay hoặc máy tính bảng (nhóm I-VI); không lớn hơn Số cán bộ; để trống là 0.".into()),
        Bullet("Ngày lập: ngày lập phiếu, dạng ngày/tháng/năm, ví dụ 15/11/2025.".into()),
        Bullet("Lần nộp: 1 cho lần nộp đầu tiên; xem mục 8 khi gửi bản sửa.".into()),
        Blank,
        Heading("3. Trang Hiện trạng".into()),
        Para("Mỗi dòng ghi một nhóm thiết bị giống nhau về loại, cấu hình, năm sử dụng và tình trạng; khác nhau thì tách thành nhiều dòng. Cũng có thể ghi mỗi thiết bị một dòng kèm số serial.".into()),
        Bullet("STT: số thứ tự, tùy ý.".into()),
        Bullet("Mã loại: chọn trong danh sách (bảng mã ở mục 10); cột Tên theo danh mục tự hiện tên thiết bị của mã đã chọn. Không rõ mã thì để trống và ghi rõ Tên thiết bị: phiếu được nhận diện theo tên (máy tính để bàn, laptop, máy in, máy scan, switch, router...).".into()),
        Bullet("Tên thiết bị: tên như trên sổ tài sản, ví dụ Máy tính để bàn Dell OptiPlex 3000; bắt buộc khi không có Mã loại.".into()),
        Bullet("Cấu hình: xem mục 4.".into()),
        Bullet("Năm sử dụng: năm đưa vào sử dụng, 4 chữ số, ví dụ 2019. Thiết bị đã dùng hết thời gian sử dụng theo danh mục (mục 10) được tính là cần thay thế. Nên ghi năm cho mọi thiết bị.".into()),
        Bullet("Số lượng: số nguyên không âm (0, 1, 2...), không ghi chữ, không ghi số thập phân, không để trống.".into()),
        Bullet("Tình trạng: chọn trong danh sách, xem mục 5.".into()),
        Bullet("Số serial: số serial hoặc mã tài sản; mỗi thiết bị chỉ được kê một lần trong tất cả các phiếu.".into()),
        Bullet("Ghi chú: thông tin thêm, ví dụ chi tiết hư hỏng.".into()),
        Para("Không kê tài sản không phải thiết bị công nghệ thông tin (bàn ghế, tủ hồ sơ...). Có thể chia bảng thành các phần: dòng tiêu đề phần ghi số La Mã (I, II...) ở cột STT, tên phần ở cột Tên thiết bị và để trống Số lượng; dòng Cộng, Tổng cộng ghi ở cột Tên thiết bị, không ghi Mã loại. Các dòng này không được tính là thiết bị.".into()),
        Blank,
        Heading("4. Cách ghi cấu hình".into()),
        Para("Ghi theo thứ tự bộ xử lý/RAM/ổ cứng, ví dụ i5/8GB/256GB SSD, hoặc Core i7, RAM 16GB, SSD 512GB. Dung lượng ghi kèm GB hoặc TB (1TB = 1000GB). Ổ cứng ghi rõ SSD, NVMe hoặc HDD ngay cạnh dung lượng (256GB SSD, HDD 500GB). Không ghi được cấu hình thì thiết bị được coi là đạt, kèm cảnh báo.".into()),
    ]);
    let with_config: Vec<&&Item> = items
        .iter()
        .filter(|it| !it.min_config.is_empty())
        .collect();
    if !with_config.is_empty() {
        v.push(Para(
            "Cấu hình tối thiểu theo danh mục; thiết bị thấp hơn được tính là cần thay thế:".into(),
        ));
        for it in with_config {
            v.push(Bullet(format!(
                "{} ({}): {}.",
                it.name,
                it.code,
                config_list_vi(it, ", ")
            )));
        }
    }
    v.extend([
        Blank,
        Heading("5. Tình trạng".into()),
        Bullet("Tốt hoặc Đang sử dụng: thiết bị hoạt động bình thường (để trống cũng được hiểu là Tốt).".into()),
        Bullet("Hỏng, Hư hỏng hoặc Không sử dụng được: thiết bị không dùng được, cần thay thế.".into()),
        Bullet("Cũ, Xuống cấp hoặc Cần thay thế: thiết bị còn chạy nhưng đã xuống cấp, cần thay thế.".into()),
        Para("Chi tiết hư hỏng ghi vào cột Ghi chú. Thiết bị hỏng, cũ, hết thời gian sử dụng hoặc thấp hơn cấu hình tối thiểu không được tính là đủ định mức; phần còn thiếu được đề nghị thay thế hoặc trang bị mới.".into()),
        Blank,
        Heading("6. Trụ sở dùng chung".into()),
        Para("Các đơn vị làm việc chung một trụ sở (ví dụ Đảng ủy, Ủy ban MTTQ và các đoàn thể của cùng một phường) thống nhất một Mã trụ sở (ví dụ TS-PBN) và cùng ghi mã đó ở trang Thông tin đơn vị.".into()),
    ]);
    let shared: Vec<String> = items
        .iter()
        .filter(|it| it.basis == Basis::Site)
        .map(|it| it.name.clone())
        .collect();
    if !shared.is_empty() {
        v.push(Para(format!(
            "Thiết bị dùng chung của trụ sở chỉ do một đơn vị kê, một lần; các đơn vị khác không kê lại. Nhu cầu các thiết bị này được tính một lần cho cả trụ sở. Thiết bị dùng chung gồm: {}.",
            shared.join("; ")
        )));
    }
    v.push(Para(
        "Thiết bị riêng của từng đơn vị (máy tính, máy in...) thì mỗi đơn vị tự kê.".into(),
    ));

    // Items bought through another channel: still inventoried, so the need is computed right.
    let pairs: Vec<(Block, Level)> = match unit_type {
        Some(p) => vec![p],
        None => Block::ALL
            .into_iter()
            .flat_map(|b| Level::ALL.into_iter().map(move |l| (b, l)))
            .collect(),
    };
    let mut channel_lines = Vec::new();
    for ch in catalog.channels.iter().filter(|c| c.id != SELF) {
        let mut names = Vec::new();
        for it in items {
            let Some(idx) = catalog.item_index(&it.code) else {
                continue;
            };
            let hits: Vec<(Block, Level)> = pairs
                .iter()
                .copied()
                .filter(|(b, l)| it.applies_to(*b, *l) && catalog.route(idx, *b, *l).0 == ch.id)
                .collect();
            if !hits.is_empty() {
                let scope = if unit_type.is_some() {
                    String::new()
                } else {
                    scope_vi(it, &hits)
                };
                names.push(format!("{}{scope}", it.name));
            }
        }
        if !names.is_empty() {
            channel_lines.push(Bullet(format!("{}: {}.", ch.label, names.join("; "))));
        }
    }
    v.push(Blank);
    v.push(Heading(
        "7. Thiết bị mua sắm tập trung hoặc do cơ quan khác trang bị".into(),
    ));
    v.push(Para("Thiết bị thuộc danh mục mua sắm tập trung (ví dụ máy photocopy, máy điều hòa không khí) hoặc do cơ quan khác trang bị vẫn phải kê đầy đủ trong trang Hiện trạng. Nhu cầu của các thiết bị này được chuyển cho đơn vị mua sắm tương ứng và không tính vào dự toán đơn vị tự mua sắm, nên không bị mua trùng.".into()));
    if !channel_lines.is_empty() {
        v.push(Para("Theo danh mục hiện hành:".into()));
        v.extend(channel_lines);
    }
    let example = Diagnostic::new(
        Code::QtyInvalid,
        "DU-P-BENNGHE.xlsx",
        Some(INVENTORY_SHEET),
        Some(CellRef::new(12, 6)),
        Msg::QtyInvalid {
            value: "1,5".into(),
        },
    );
    v.extend([
        Blank,
        Heading("8. Gửi bản sửa".into()),
        Para("Khi cần sửa phiếu đã gửi, sửa trên chính tệp đó, tăng Lần nộp thêm 1 (1 thành 2, 2 thành 3...) và cập nhật Ngày lập, rồi gửi lại toàn bộ phiếu, không gửi riêng phần sửa. Bản có Lần nộp lớn hơn (cùng Lần nộp thì bản có Ngày lập muộn hơn) thay thế bản trước. Hai bản cùng Lần nộp và Ngày lập nhưng nội dung khác nhau bị báo lỗi E-UNIT-CONFLICT và đơn vị chưa được tổng hợp.".into()),
        Blank,
        Heading("9. Tự kiểm tra phiếu trước khi gửi".into()),
        Para("Chạy lệnh rasoat check <tên tệp>.xlsx --lang vi (ví dụ rasoat check DU-P-BENNGHE.xlsx --lang vi). Mỗi thông báo ghi tên tệp, trang và ô, mức độ, mã thông báo và cách sửa, ví dụ:".into()),
        Bullet(crate::report::check_report::human_line(&example, Lang::Vi, false)),
        Bullet("lỗi: phải sửa; dòng hoặc cả phiếu có lỗi không được tổng hợp.".into()),
        Bullet("cảnh báo: nên xem lại; phiếu vẫn được tổng hợp nhưng số liệu có thể chưa đúng ý đơn vị.".into()),
        Para("Phiếu đạt khi lệnh báo 0 lỗi; nên sửa hết cả cảnh báo trước khi gửi.".into()),
        Blank,
        Heading("10. Danh mục thiết bị".into()),
    ]);
    v
}

pub(super) fn guide_sheet(
    ws: &mut Worksheet,
    catalog: &Catalog,
    items: &[&Item],
    unit_type: Option<(Block, Level)>,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(GUIDE_SHEET)?;
    // The item table below uses the columns; paragraphs span all of them.
    let widths = [16.0, 44.0, 24.0, 12.0, 40.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last_col = (widths.len() - 1) as u16;
    let chars_per_line = 125usize;
    let mut r = 0u32;
    for line in guide_lines(catalog, items, unit_type) {
        let (text, fmt) = match &line {
            Line::Title(t) => (t.clone(), &st.title),
            Line::Sub(t) => (t.clone(), &st.subtitle),
            Line::Heading(t) => (t.clone(), &st.heading),
            Line::Para(t) => (t.clone(), &st.text),
            Line::Bullet(t) => (format!("•  {t}"), &st.text),
            Line::Blank => {
                r += 1;
                continue;
            }
        };
        ws.merge_range(r, 0, r, last_col, &text, fmt)?;
        let lines = text.chars().count().div_ceil(chars_per_line).max(1);
        let base = if matches!(line, Line::Title(_)) {
            20.0
        } else {
            15.5
        };
        ws.set_row_height(r, base * lines as f64 + 2.0)?;
        r += 1;
    }
    let headers = [
        "Mã loại",
        "Tên thiết bị",
        "Định mức",
        "Thời gian sử dụng (năm)",
        "Cấu hình tối thiểu",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(r, 30)?;
    r += 1;
    for it in items {
        ws.write_string_with_format(r, 0, &it.code, &st.table_cell)?;
        ws.write_string_with_format(r, 1, &it.name, &st.table_cell)?;
        ws.write_string_with_format(r, 2, norm_vi(it), &st.table_cell)?;
        match it.useful_life_years {
            Some(y) => ws.write_number_with_format(r, 3, y, &st.table_cell)?,
            None => ws.write_string_with_format(r, 3, "", &st.table_cell)?,
        };
        ws.write_string_with_format(r, 4, config_list_vi(it, ", "), &st.table_cell)?;
        if it.name.chars().count() > 44 {
            ws.set_row_height(r, 31)?;
        }
        r += 1;
    }
    if items.is_empty() {
        ws.merge_range(
            r,
            0,
            r,
            last_col,
            "Danh mục không có thiết bị nào áp dụng cho loại đơn vị này.",
            &st.text,
        )?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_active(true);
    Ok(())
}
