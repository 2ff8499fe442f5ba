//! CSV data files (content format 1.1, "Data files"): a record kept in a
//! spreadsheet is the same record as one written in YAML, every message
//! points at its cell, and the CSV exports go back into `content/` to give
//! the same site.

use crate::common::*;
use std::path::Path;

/// The base fixture with the YAML or the CSV half of `tests/fixtures/csv/`.
fn desk(format: &str) -> tempfile::TempDir {
    let dir = investigation(None);
    copy_dir(&fixtures().join("csv").join(format), dir.path());
    dir
}

/// Writes `text` to `content/<rel>` of `root`.
fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_csv_record_and_a_yaml_record_give_the_same_site() {
    let yaml = desk("yaml");
    let csv = desk("csv");
    let (a, b) = (build_ok(yaml.path()), build_ok(csv.path()));
    // The fixture's records are there, with what only CSV cells held:
    // a BOM, CRLF lines, a quoted cell over four lines, `;` lists,
    // links and relations, `No` and `YES`, a blank row; statements too.
    let html = read(&a.join("actors/mara-vell/index.html"));
    assert!(
        html.contains("href=\"https://gazette.example/vell\""),
        "{html}"
    );
    assert!(html.contains("M. Vell"), "{html}");
    let events = read(&a.join("data/events.json"));
    assert!(events.contains("\"approximate\": true"), "{events}");
    assert!(events.contains("\"vell-memo\""), "{events}");
    let statements = read(&a.join("data/statements.json"));
    assert!(statements.contains("\"vell-no-reply\""), "{statements}");
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 20);
    for ((pa, ba), (pb, bb)) in sa.iter().zip(&sb) {
        assert_eq!(pa, pb);
        assert!(
            ba == bb,
            "{} differs between the YAML and the CSV build",
            pa.display()
        );
    }
    assert_eq!(sa.len(), sb.len());
}

/// Every file of a built site with its bytes.
type Snapshot = Vec<(std::path::PathBuf, Vec<u8>)>;

/// Replaces every data file of `root` by the CSV exports of the site built
/// from it, and returns the rebuilt site next to the first build.
fn round_trip(root: &Path) -> (Snapshot, Snapshot) {
    let out = build_ok(root);
    let first = snapshot(&out);
    let content = root.join("content");
    for kind in dossier::kinds::DATA_KINDS {
        for ext in ["yaml", "yml", "csv"] {
            let _ = std::fs::remove_file(content.join(format!("{}.{ext}", kind.plural)));
        }
        let _ = std::fs::remove_dir_all(content.join(kind.plural));
        std::fs::copy(
            out.join(format!("data/{}.csv", kind.plural)),
            content.join(format!("{}.csv", kind.plural)),
        )
        .unwrap();
    }
    let again = snapshot(&build_ok(root));
    (first, again)
}

fn assert_same(first: &Snapshot, again: &Snapshot) {
    let paths = |s: &Snapshot| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(first), paths(again));
    for ((p, a), (_, b)) in first.iter().zip(again) {
        assert!(
            a == b,
            "{} differs after the round trip through data/*.csv",
            p.display()
        );
    }
}

#[test]
fn the_csv_exports_rebuild_the_same_site() {
    // The example: every field of every data kind, Markdown summaries.
    let dir = example();
    let (first, again) = round_trip(dir.path());
    assert_same(&first, &again);

    // Relations without labels, a place over two lines, quotes around a
    // name, dates before 1000, CSV records of the desk fixture.
    let dir = investigation(Some("ftm"));
    copy_dir(&fixtures().join("csv/csv"), dir.path());
    let (first, again) = round_trip(dir.path());
    assert_same(&first, &again);

    // Id links, relative references and footnotes in summaries.
    let dir = investigation(Some("links"));
    let (first, again) = round_trip(dir.path());
    assert_same(&first, &again);
}

#[test]
fn the_exports_take_the_columns_of_a_csv_data_file() {
    let dir = investigation(None);
    let out = build_ok(dir.path());
    let actors = std::fs::read(out.join("data/actors.csv")).unwrap();
    assert!(
        actors.starts_with(
            b"\xEF\xBB\xBFid,name,kind,role,aliases,country,summary,links,relations\r\n"
        )
    );
    let events = read(&out.join("data/events.csv"));
    // Content order (events/2019.yaml as written), not date order.
    let ids: Vec<&str> = events
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["contract-awarded", "talks-begin", "review"]);
    assert!(
        events.contains("talks-begin,2018,,true,Talks begin,"),
        "{events}"
    );
    // Each file is listed with the open data.
    let home = read(&out.join("index.html"));
    for file in [
        "actors.csv",
        "events.csv",
        "sources.csv",
        "entities.ftm.json",
        "timeline.json",
    ] {
        assert!(
            home.contains(&format!("data/{file}")),
            "the colophon does not list {file}"
        );
    }
}

/// Characters that no page shows (a bell, Word's line break, a C1
/// control) pasted into a record were written into `data/events.csv` as
/// they were: boxes in a spreadsheet, or a row broken in two. The export
/// shows what the pages show; tabs and line ends stay, quoted.
#[test]
fn the_exports_leave_out_what_no_page_shows() {
    let dir = investigation(None);
    write(
        dir.path(),
        "events/pasted.yaml",
        "- id: pasted\n  date: 2021-01-01\n  title: \"Bell\\ain a title\"\n  summary: \"Word\\vline break, next\\Nline, a C1\\x92here\\nand a line end.\"\n",
    );
    let out = build_ok(dir.path());
    let events = read(&out.join("data/events.csv"));
    let row = events
        .split("\r\n")
        .find(|r| r.starts_with("pasted,"))
        .unwrap_or_else(|| panic!("no row for the event:\n{events}"));
    assert!(
        row.contains("Bellin a title,\"Word line break, next line, a C1here\nand a line end.\""),
        "{row:?}"
    );
    assert!(
        !events
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
        "{events:?}"
    );
}

#[test]
fn an_unknown_column_is_named_at_its_cell_with_a_hint() {
    let dir = investigation(None);
    write(dir.path(), "actors.csv", "id,nmae,kind\nx,X,person\n");
    let err = check_fails(dir.path());
    assert!(
        err.contains("content/actors.csv:1:2: error: unknown column `nmae` in the header row"),
        "{err}"
    );
    assert!(err.contains("did you mean `name`?"), "{err}");
    // The caret stands under the cell, not under the second character.
    assert!(err.contains("1 | id,nmae,kind\n  |    ^"), "{err}");
    // That each row then lacks `name` only follows from it: said once.
    assert!(!err.contains("missing the required field"), "{err}");
    assert!(err.contains("1 error and 1 warning found"), "{err}");
}

/// A bad cell (`maybe` for a yes-or-no) hid every other problem of its
/// row, which came a `check` later each, and an id of the wrong form was
/// said only once the rest of the row passed. Every problem of the row
/// is said in one run.
#[test]
fn every_problem_of_a_row_in_one_run() {
    let dir = investigation(None);
    write(
        dir.path(),
        "events/c.csv",
        "id,date,title,approximate,status,actors,summary\nBad_Row,2019-02-30,x,maybe,confirmd,jane-ro,\"See [x](javascript:y)\"\n",
    );
    let err = check_fails(dir.path());
    let errors = error_places(&err);
    assert_eq!(
        errors,
        [
            "content/events/c.csv:2:1",
            "content/events/c.csv:2:2",
            "content/events/c.csv:2:4",
            "content/events/c.csv:2:5",
            "content/events/c.csv:2:6",
            "content/events/c.csv:2:7",
        ],
        "{err}"
    );
}

/// A file whose rows cannot be read as its header was meant gave one
/// error per column and per field of every row; it is said once, at its
/// first line, with how to save it again, and a reference to one of its
/// records (`from-excel`) is not said to be unknown:
/// - Excel saves "CSV" with `;` where the decimal mark is a comma;
/// - tabs (Excel's "Text (Tab delimited)", or a copy from a spreadsheet):
///   the header was one column named `id<TAB>date<TAB>title`;
/// - an empty first row (`,,`, a blank row above the column names).
#[test]
fn a_file_unreadable_as_a_whole_is_said_once() {
    for (sheet, error, hint) in [
        (
            "id;date;title\nfrom-excel;2021-01-01;From Excel\nalso;2021-01-02;Also\n",
            "the columns of this file are separated by `;`: a CSV data file's are separated by commas",
            "hint: save it again as CSV with commas",
        ),
        (
            "id\tdate\ttitle\nfrom-excel\t2021-01-01\tFrom Excel\n",
            "the columns of this file are separated by tabs: a CSV data file's are separated by commas",
            "not \"Text (Tab delimited)\"",
        ),
        (
            ",,\nid,date,title\nfrom-excel,2021-01-01,From Excel\nalso,2021-01-02,Also\n",
            "the first row names no column: a data file's first row names its fields (`id`, `name`, …)",
            "hint: delete the empty rows above the row of column names",
        ),
    ] {
        let dir = investigation(None);
        write(dir.path(), "events/sheet.csv", sheet);
        write(
            dir.path(),
            "statements/on-excel.yaml",
            "- id: on-excel\n  by: jane-roe\n  date: 2021-01-03\n  kind: denial\n  quote: No.\n  about: [from-excel]\n",
        );
        let err = check_fails(dir.path());
        assert_eq!(
            error_lines(&err),
            [format!("content/events/sheet.csv:1:1: error: {error}")],
            "{err}"
        );
        assert!(err.contains(hint), "{err}");
    }
}

/// Dates as spreadsheets and people write them got "write YYYY, YYYY-MM
/// or YYYY-MM-DD" and nothing more: the date meant is offered where it
/// can be only one (a spreadsheet's day number too), and not where the
/// day and the month may be either (`05/03/2021`). A status with a space
/// before it (` alleged`) was refused with "did you mean `alleged`?"; it
/// is read, as a YAML value would be.
#[test]
fn dates_as_spreadsheets_write_them_are_offered_as_dossier_reads_them() {
    let dir = investigation(None);
    write(
        dir.path(),
        "events/sheet.csv",
        "id,date,title,status\n\
         serial,44260,Serial,\n\
         excel-month,Mar-21,Month,\n\
         unpadded,2021-3-5,Unpadded,\n\
         words,5 March 2021,Words,\n\
         american,\"March 5, 2021\",American,\n\
         either,05/03/2021,Either,\n\
         spaced,2021-03-05,Spaced, alleged\n",
    );
    let err = check_fails(dir.path());
    // The errors' hints (the base investigation has warnings of its own).
    let mut in_error = false;
    let hints: Vec<&str> = err
        .lines()
        .filter_map(|l| {
            if l.contains(": error: ") || l.contains(": warning: ") {
                in_error = l.contains(": error: ");
            }
            l.trim_start().strip_prefix("= hint: ").filter(|_| in_error)
        })
        .collect();
    assert_eq!(
        hints,
        [
            "write 2021-03-05: `44260` is a spreadsheet's number for that day (format the column as text before saving)",
            "write 2021-03 if March 2021 is meant",
            "write 2021-03-05",
            "write 2021-03-05",
            "write 2021-03-05",
        ],
        "{err}"
    );
    assert_eq!(error_lines(&err).len(), 6, "{err}");
    assert!(
        err.contains("content/events/sheet.csv:7:2: error: `05/03/2021` is not a date"),
        "{err}"
    );
    assert!(!err.contains("status"), "{err}");
}

/// A CSV file saved by Excel in Windows-1252 ("CSV (Comma delimited)")
/// was "not valid UTF-8" at the character's column on its line, which in
/// a CSV file names a cell (column 26 of a row of 3), quoting nothing and
/// naming no way to save it: it is said at the cell, quoting the line,
/// naming the letter the byte stands for and Excel's "CSV UTF-8".
#[test]
fn a_csv_file_in_windows_1252_is_said_at_its_cell() {
    let dir = investigation(None);
    let path = dir.path().join("content/events/sheet.csv");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"id,date,title\nev-1,2020-01-01,\"Caf\xe9, bar\"\n").unwrap();
    let err = check_fails(dir.path());
    assert_eq!(
        error_lines(&err),
        [
            "content/events/sheet.csv:2:3: error: this file is not valid UTF-8 text: the byte 0xE9 here is `é` in Windows-1252, which a Windows program may have saved"
        ],
        "{err}"
    );
    assert!(
        err.contains("2 | ev-1,2020-01-01,\"Caf\u{fffd}, bar\""),
        "{err}"
    );
    assert!(
        err.contains("hint: save it again as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\""),
        "{err}"
    );
}

#[test]
fn messages_give_the_line_in_the_file_and_the_cell_in_the_row() {
    let dir = investigation(None);
    // Row 2 spans lines 2 to 4; row 3 starts on line 5.
    let sheet = "id,date,title,summary,status,approximate,actors\n\
                 one,2020,One,\"three\n\nlines\",rumoured,,\n\
                 two,2020,Two,,reported,PERHAPS,\"port-authority; nobody\"\n";
    write(dir.path(), "events/sheet.csv", sheet);
    let err = check_fails(dir.path());
    assert!(
        err.contains("content/events/sheet.csv:5:6: error: `PERHAPS` is not true or false"),
        "{err}"
    );
    assert!(err.contains("5 | two,2020,Two,,reported,PERHAPS,"), "{err}");
    assert!(err.contains("  |                        ^"), "{err}");

    // A date a spreadsheet rewrote in its own way.
    write(
        dir.path(),
        "events/other.csv",
        "id,date,title\nthree,7/24/2021,Three\n",
    );
    let err = check_fails(dir.path());
    assert!(
        err.contains("content/events/other.csv:2:2: error: `7/24/2021` is not a date"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("content/events/other.csv")).unwrap();

    // What validation finds is said at the same places.
    write(
        dir.path(),
        "events/sheet.csv",
        &sheet.replace("PERHAPS", "no"),
    );
    let err = check_fails(dir.path());
    // The status cell starts on line 4, where the quoted cell before it ends.
    assert!(
        err.contains("content/events/sheet.csv:4:5: error: `rumoured` is not a valid status"),
        "{err}"
    );
    assert!(
        err.contains("4 | lines\",rumoured,,\n  |        ^"),
        "{err}"
    );
    assert!(
        err.contains("content/events/sheet.csv:5:7: error: unknown actor `nobody`"),
        "{err}"
    );

    // A link the link rules refuse, deep in a quoted cell: said at the cell.
    write(
        dir.path(),
        "events/other.csv",
        "id,date,title,summary\nthree,2021,Three,\"one\n\n[two](javascript:alert(1))\"\n",
    );
    let err = check_fails(dir.path());
    assert!(
        err.contains(
            "content/events/other.csv:2:4: error: the link scheme `javascript:` is not allowed"
        ),
        "{err}"
    );
}

#[test]
fn rows_and_headers_that_cannot_be_read_are_reported() {
    let dir = investigation(None);
    write(
        dir.path(),
        "sources.csv",
        "id,name,Name\nsrc,Source,Again\nsrc2,Two,,extra\n",
    );
    write(
        dir.path(),
        "actors/broken.csv",
        "id,name\nx,\"never closed\ny,Y\n",
    );
    // Corrections are written in YAML only.
    write(
        dir.path(),
        "statements.csv",
        "id,by,date,quote,corrections\ns1,port-authority,2020,Yes.,\n",
    );
    let err = check_fails(dir.path());
    assert!(
        err.contains(
            "content/sources.csv:1:3: error: the column `name` is named twice in the header row"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/sources.csv:3:4: error: this row has more cells than the header names"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/actors/broken.csv:2:2: error: this quoted cell is never closed"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/statements.csv:1:5: error: `corrections` cannot be written in a CSV data file"
        ),
        "{err}"
    );
}

/// A quoted cell never closed swallows the rest of the file into its row:
/// that is the one error about it, wherever the quote opens. The row's
/// cells were also read, and "missing the required field `title`", a
/// bad date made of the rest of the row, or a TimelineJS row with no
/// `Headline` followed from it. A statement about an event of the rows
/// swallowed (`ev-b`) is not said to name an unknown event: any event
/// may have been in them.
#[test]
fn an_unclosed_quote_is_the_only_error_about_its_row() {
    for (rel, text, place) in [
        (
            "events/by-id.csv",
            "id,date,title\n\"ev-a,2020-01-01,First\nev-b,2020-02-02,Second\n",
            "content/events/by-id.csv:2:1",
        ),
        (
            "events/by-date.csv",
            "id,date,title\nev-c,\"2020-01-01,First\nev-d,2020-02-02,Second\n",
            "content/events/by-date.csv:2:2",
        ),
        (
            "events/sheet.csv",
            "Year,Headline,Text\n\"2020,First,One\n2021,Second,Two\n",
            "content/events/sheet.csv:2:1",
        ),
        (
            "events/crlf-header.csv",
            "id,date,\"title\r\nev-a,2020-01-01,First\r\n",
            "content/events/crlf-header.csv:1:3",
        ),
    ] {
        let dir = investigation(None);
        write(dir.path(), rel, text);
        write(
            dir.path(),
            "statements/about-b.yaml",
            "- id: on-b\n  by: port-authority\n  date: 2020-03-01\n  kind: statement\n  quote: Nothing to add.\n  about: [ev-b]\n",
        );
        let err = check_fails(dir.path());
        assert_eq!(
            error_lines(&err),
            [format!(
                "{place}: error: this quoted cell is never closed: the rest of the file was read as part of it"
            )],
            "{err}"
        );
    }
}

/// Text after the quote that closes a cell (`"Tender" opened`, or a stray
/// quote in a later row closing a cell opened by mistake) is read by the
/// `csv` crate without a word: the quotes went, and the rows between were
/// joined into one cell, their events lost. Each is an error at the cell
/// whose quote opened; the rows after it are read as usual, and a
/// reference to an event that was lost is not said to be unknown.
#[test]
fn text_after_a_closing_quote_is_an_error_at_its_cell() {
    let dir = investigation(None);
    write(
        dir.path(),
        "events/bids.csv",
        "id,date,title\nbid-1,2021-03-05,Opened\nbid-2,2021-03-06,\"Bids close,x\nbid-3,2021-03-07,He said 5\" screen,,\nbid-4,2021-03-08,\"Tender\" opened\nbid-5,2021-03-09,\"Fine, \"\"quoted\"\"\"\n",
    );
    write(
        dir.path(),
        "statements/about-bids.yaml",
        "- id: on-bids\n  by: port-authority\n  date: 2021-03-10\n  kind: statement\n  quote: Nothing to add.\n  about: [bid-3, bid-5]\n",
    );
    let err = check_fails(dir.path());
    assert_eq!(
        error_lines(&err),
        [
            "content/events/bids.csv:3:3: error: the quote opening this cell is closed only on line 4, followed by ` screen`: line 4 was read as part of this cell",
            "content/events/bids.csv:5:3: error: the quote closing this cell is followed by ` opened`: a quote inside it was read as its end",
        ],
        "{err}"
    );
    assert!(
        err.contains("hint: a quote inside a cell is written `\"\"`, in a cell quoted whole: `\"a 5\"\" screen\"`"),
        "{err}"
    );
    // Written as meant, every event builds, its quotes kept.
    let csv = dir.path().join("content/events/bids.csv");
    std::fs::write(
        &csv,
        "id,date,title\nbid-1,2021-03-05,Opened\nbid-2,2021-03-06,\"Bids close, x\"\nbid-3,2021-03-07,\"He said 5\"\" screen\"\nbid-4,2021-03-08,\"\"\"Tender\"\" opened\"\nbid-5,2021-03-09,\"Fine, \"\"quoted\"\"\"\n",
    )
    .unwrap();
    let o = dossier_in(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = read(&dir.path().join("public/data/events.json"));
    for title in [
        "Bids close, x",
        "He said 5\\\" screen",
        "\\\"Tender\\\" opened",
        "Fine, \\\"quoted\\\"",
    ] {
        assert!(
            json.contains(&format!("\"title\": \"{title}\"")),
            "{title} in {json}"
        );
    }
}

#[test]
fn csv_files_sit_where_yaml_files_do() {
    let dir = investigation(None);
    write(dir.path(), "actor.csv", "id,name\nx,X\n");
    let err = check_fails(dir.path());
    assert!(
        err.contains("`actor.csv` is not part of the content format"),
        "{err}"
    );
    assert!(err.contains("did you mean `actors.csv`?"), "{err}");

    std::fs::remove_file(dir.path().join("content/actor.csv")).unwrap();
    write(dir.path(), "actors.csv", "id,name\nx-one,X One\n");
    write(dir.path(), "sources/deep/more.csv", "id,name\ny-source,Y\n");
    let out = build_ok(dir.path());
    assert!(out.join("actors/x-one/index.html").exists());
    assert!(out.join("sources/y-source/index.html").exists());
}

#[test]
fn absurd_csv_files_are_refused_not_read() {
    let dir = investigation(None);
    // More values than a data file may hold: one cell of 10,000,001 items.
    let mut cell = "a;".repeat(10_000_001);
    cell.pop();
    write(
        dir.path(),
        "actors.csv",
        &format!("id,name,aliases\nx,X,{cell}\n"),
    );
    let err = check_fails(dir.path());
    assert!(
        err.contains("content/actors.csv:2:1: error: this file holds more than 10,000,000 values (non-empty cells and items of list cells); the limit is 10,000,000 values per file"),
        "{err}"
    );
    // Larger than the 64 MiB a data file may be.
    let big = format!("id,name\n{}", "x,X\n".repeat(16_800_000));
    write(dir.path(), "actors.csv", &big);
    let err = check_fails(dir.path());
    assert!(
        err.contains(
            "content/actors.csv: error: this file is 65 MiB; the file size limit is 64 MiB"
        ),
        "{err}"
    );
}

#[test]
fn a_row_that_does_not_load_causes_no_second_error() {
    let dir = investigation(None);
    write(
        dir.path(),
        "events/sheet.csv",
        "id,date,title,approximate\nbad-one,2020,Bad,perhaps\n",
    );
    write(
        dir.path(),
        "articles/links-it.md",
        "---\ntitle: Links it\ndate: 2021-01-01\n---\n\nSee [the event](event:bad-one) for how the harbour contract came to be awarded.\n",
    );
    let err = check_fails(dir.path());
    assert!(
        err.contains("content/events/sheet.csv:2:4: error: `perhaps` is not true or false"),
        "{err}"
    );
    assert!(!err.contains("bad-one`"), "a derived error: {err}");
    assert!(err.contains("1 error"), "{err}");
}
