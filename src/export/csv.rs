//! `data/<plural>.csv` for every kind read from data files: its records in
//! content order, in the columns a CSV data file takes (content format,
//! "The built site"), so that a spreadsheet made from the site can be put
//! back in `content/` and gives the same site. Each kind says how its
//! validated record is written back (`kinds::Written`); the columns and
//! cells come from its field list (`load::csv`).

use super::{Export, ExportCtx};
use crate::kinds::{Actor, Event, Kind, Source, Statement, Written};
use crate::load::csv::CsvRecord;
use crate::model::Site;
use crate::url;

/// The CSV exports.
pub struct Csv;

macro_rules! csv_files {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        impl Export for Csv {
            fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>)) {
                $(
                    put(url::data_csv("", <$dt as Kind>::INFO.plural), table::<$dt>(ctx.site));
                )*
            }

            fn paths(&self) -> Vec<String> {
                vec![$(url::data_csv("", <$dt as Kind>::INFO.plural),)*]
            }
        }
    };
}
crate::with_kinds!(csv_files);

/// Every record of kind `K` as a CSV file: a UTF-8 byte order mark (the
/// one mark by which Excel knows the file is UTF-8; dossier's reader
/// skips it), the header, a row per record, lines ended by CRLF as RFC
/// 4180 has them.
fn table<K: Written>(site: &Site) -> Vec<u8> {
    let columns = <K::Fields as CsvRecord>::columns();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing into memory cannot fail.
        let _ = writer.write_record(&columns);
        let mut cells = vec![String::new(); columns.len()];
        for ix in K::in_content_order(site) {
            let fields = K::written(site, ix);
            for (cell, column) in cells.iter_mut().zip(&columns) {
                cell.clear();
                fields.write_cell(column, cell);
                as_shown(cell);
            }
            let _ = writer.write_record(&cells);
        }
        let _ = writer.flush();
    }
    out
}

/// `cell` with the characters pages leave out left out here too
/// ([`not_in_markup`](crate::render::not_in_markup): controls pasted with
/// copy, noncharacters), those that end a line where they were typed a
/// space ([`breaks_a_line`](crate::render::breaks_a_line)): a spreadsheet
/// shows them as boxes or breaks its row at them, and the page shows
/// none. Tabs and line ends stay (the writer quotes them).
fn as_shown(cell: &mut String) {
    use crate::render::{breaks_a_line, not_in_markup};
    if !cell.chars().any(not_in_markup) {
        return;
    }
    *cell = cell
        .chars()
        .filter_map(|c| match c {
            c if breaks_a_line(c) => Some(' '),
            c if not_in_markup(c) => None,
            c => Some(c),
        })
        .collect();
}
