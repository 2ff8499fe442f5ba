//! TimelineJS sheets as they are (content format 1.1, "Data files"): an
//! events CSV in TimelineJS3's spreadsheet template builds the timeline,
//! and the timeline goes out again as TimelineJS JSON.

use crate::common::*;
use std::path::Path;

const HEADER: &str = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

/// An investigation of `site.yaml` and one sheet, `content/events/sheet.csv`.
fn sheet(site: &str, rows: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("events")).unwrap();
    std::fs::write(content.join("site.yaml"), site).unwrap();
    let mut csv = format!("{HEADER}\n");
    for r in rows {
        csv.push_str(r);
        csv.push('\n');
    }
    std::fs::write(content.join("events/sheet.csv"), csv).unwrap();
    dir
}

/// A row of the template from (column, value) pairs.
fn row(cells: &[(&str, &str)]) -> String {
    HEADER
        .split(',')
        .map(|c| {
            let v = cells.iter().find(|(k, _)| *k == c).map_or("", |(_, v)| v);
            if v.contains([',', '"', '\n']) {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn events(out: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&read(&out.join("data/events.json")))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn timelinejs_own_samples_build_every_event() {
    let root = fixtures().join("timelinejs");
    for name in [
        "republican-timeline3",
        "seventh_century",
        "women_in_computing",
    ] {
        let json: serde_json::Value =
            serde_json::from_str(&read(&root.join(format!("json/{name}.json")))).unwrap();
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root.join("sheets").join(name), dir.path());
        let out = build_ok(dir.path());
        let built = events(&out);
        let slides = json["events"].as_array().unwrap();
        assert_eq!(
            built.len(),
            slides.len(),
            "{name}: not every event was built"
        );
        let timeline = page(&out, "timeline");
        let headlines: Vec<String> = timeline
            .select(&scraper::Selector::parse(".event-title").unwrap())
            .map(|h| h.text().collect::<String>())
            .collect();
        for slide in slides {
            let date = &slide["start_date"];
            let year: u16 = date["year"].as_str().unwrap().parse().unwrap();
            let headline = slide["text"]["headline"].as_str().unwrap();
            let e = built
                .iter()
                .find(|e| {
                    e["date"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("{year:04}"))
                        && headline.contains(e["title"].as_str().unwrap().trim_matches('"'))
                })
                .unwrap_or_else(|| panic!("{name}: no event for {headline}"));
            // At the precision of the cells given: no day, no month made up.
            let parts = 1
                + usize::from(date["month"].as_str().is_some_and(|m| !m.is_empty()))
                + usize::from(date["day"].as_str().is_some_and(|d| !d.is_empty()));
            assert_eq!(
                e["date"].as_str().unwrap().split('-').count(),
                parts,
                "{name}: {e}"
            );
            assert!(
                headlines.iter().any(|h| h == e["title"].as_str().unwrap()),
                "{name}: {headline} is not on the timeline"
            );
        }
        // The title row's text is the home page's introduction.
        let intro = json["title"]["text"]["text"].as_str().unwrap();
        let first_words: String = intro
            .split(['<', '>'])
            .nth(if intro.starts_with('<') { 2 } else { 0 })
            .unwrap()
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            read(&out.join("index.html")).contains(&first_words),
            "{name}: no introduction `{first_words}`"
        );
    }
}

#[test]
fn html_in_a_text_cell_becomes_markdown() {
    let text = "<p>Take <a href=\"https://en.wikipedia.org/wiki/Ada_Lovelace\" target=\"new\">Ada <em>Lovelace</em></a>.</p><span class=\"tl-note\">A <b>bold</b> note.</span><script>alert(1)</script>";
    let dir = sheet(
        "title: Sheets\n",
        &[&row(&[
            ("Year", "1815"),
            ("Month", "12"),
            ("Day", "10"),
            ("Headline", "Ada &amp; <i>Lovelace</i>"),
            ("Text", text),
            ("Media", "https://upload.wikimedia.org/ada.jpg"),
            ("Group", "Pioneers"),
        ])],
    );
    let out = build_ok(dir.path());
    let e = &events(&out)[0];
    assert_eq!(e["id"], "1815-ada-lovelace");
    assert_eq!(e["title"], "Ada & Lovelace");
    assert_eq!(e["tags"], serde_json::json!(["Pioneers"]));
    let html = read(&out.join("timeline/index.html"));
    assert!(html.contains("<p>Take <a href=\"https://en.wikipedia.org/wiki/Ada_Lovelace\">Ada <em>Lovelace</em></a>.</p>\n<p>A <strong>bold</strong> note.</p>\n<p>Media: <a href=\"https://upload.wikimedia.org/ada.jpg\">upload.wikimedia.org</a>"), "{html}");
    assert!(!html.contains("alert"), "{html}");
    assert!(!html.contains("target"), "{html}");
    // In dossier's own columns, the Markdown a sheet's HTML became.
    let csv = read(&out.join("data/events.csv"));
    assert!(
        csv.contains("Take [Ada *Lovelace*](https://en.wikipedia.org/wiki/Ada_Lovelace)."),
        "{csv}"
    );
}

#[test]
fn a_link_in_a_text_cell_follows_the_link_rules() {
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[("Year", "2020"), ("Headline", "Fine")]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Bad"),
                ("Text", "<a href=\"javascript:alert(1)\">click</a>"),
            ]),
        ],
    );
    let o = dossier_in(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "content/events/sheet.csv:3:11: error: the link scheme `javascript:` is not allowed"
        ),
        "{err}"
    );
    assert!(!dir.path().join("public").exists());
}

/// The `Media` cell's address is checked at its own cell (column 12):
/// joined to the summary, a bad one was reported at the `Text` column.
/// An address copied without `https://` (`www.youtube.com/…`), which
/// TimelineJS shows, is linked as https rather than read as a path.
#[test]
fn a_media_cell_is_checked_at_its_own_column() {
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[
                ("Year", "2020"),
                ("Headline", "Video"),
                ("Text", "<p>The minister speaks.</p>"),
                ("Media", "www.youtube.com/watch?v=abc"),
            ]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Bad"),
                ("Text", "<p>Some text.</p>"),
                ("Media", "javascript:alert(1)"),
            ]),
        ],
    );
    let o = dossier_in(dir.path(), &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let errors = error_lines(&err);
    assert_eq!(
        errors,
        [
            "content/events/sheet.csv:3:12: error: `Media`: the link scheme `javascript:` is not allowed; use http:, https:, mailto:, an id link (actor:…, event:…, source:…, statement:…, article:…, tag:…) or a path from the site root"
        ]
    );
    assert!(err.contains("hint: give the media's whole address, starting with https://"));
    // Without the bad row, the video links to YouTube.
    let csv = dir.path().join("content/events/sheet.csv");
    let text = read(&csv);
    let kept: Vec<&str> = text.lines().take(2).collect();
    std::fs::write(&csv, kept.join("\n") + "\n").unwrap();
    let out = build_ok(dir.path());
    let timeline = read(&out.join("timeline/index.html"));
    assert!(
        timeline.contains("href=\"https://www.youtube.com/watch?v=abc\""),
        "{timeline}"
    );
}

/// A `Media` cell with two addresses made one link to an address that
/// does not exist (with the space in it), and no message; words beside
/// its address were refused as a link scheme (`Photo:`) or, before a
/// `//host/…` or `www.host/…` address, kept as text without a word. Each
/// is an error at the cell, naming the word beside the address. An embed
/// code, whose first address is taken, and words without an address
/// (kept as text) are not.
#[test]
fn a_media_cell_with_more_than_one_address_is_an_error_at_its_cell() {
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[
                ("Year", "2020"),
                ("Headline", "Two pictures"),
                ("Text", "<p>Two.</p>"),
                (
                    "Media",
                    "https://example.org/a.jpg https://example.org/b.jpg",
                ),
            ]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Captioned"),
                ("Text", "<p>One.</p>"),
                ("Media", "Photo: https://example.org/c.jpg"),
            ]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Schemeless"),
                ("Media", "Photo: //example.org/d.jpg"),
            ]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Copied"),
                ("Media", "www.example.org/e.jpg (AFP)"),
            ]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Joined"),
                (
                    "Media",
                    "https://example.org/f.jpg;https://example.org/g.jpg",
                ),
            ]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Caption"),
                ("Media", "Photo of the harbour, https://example.org/h.jpg"),
            ]),
            &row(&[
                ("Year", "2022"),
                ("Headline", "Embedded"),
                (
                    "Media",
                    "<iframe src=\"https://example.org/v\" title=\"a video\"></iframe>",
                ),
            ]),
            &row(&[
                ("Year", "2023"),
                ("Headline", "Quoted"),
                ("Media", "Nothing to show"),
            ]),
        ],
    );
    let err = check_fails(dir.path());
    assert_eq!(
        error_lines(&err),
        [
            "content/events/sheet.csv:2:12: error: `Media` holds `https://example.org/b.jpg` beside its address: TimelineJS shows one medium per event, named by one address",
            "content/events/sheet.csv:3:12: error: `Media` holds `Photo:` beside its address: TimelineJS shows one medium per event, named by one address",
            "content/events/sheet.csv:4:12: error: `Media` holds `Photo:` beside its address: TimelineJS shows one medium per event, named by one address",
            "content/events/sheet.csv:5:12: error: `Media` holds `(AFP)` beside its address: TimelineJS shows one medium per event, named by one address",
            "content/events/sheet.csv:6:12: error: `Media` holds `https://example.org/g.jpg` beside its address: TimelineJS shows one medium per event, named by one address",
            "content/events/sheet.csv:7:12: error: `Media` holds `Photo of the harbour,` beside its address: TimelineJS shows one medium per event, named by one address",
        ]
    );
    assert!(
        err.contains(
            "hint: keep one address in `Media`; link the others, or write the words, in `Text` (a space within an address is written `%20`)"
        ),
        "{err}"
    );
    // With one address in each, it builds, each linked whole.
    let csv = dir.path().join("content/events/sheet.csv");
    let text = read(&csv)
        .replace(" https://example.org/b.jpg", "")
        .replace("Photo: ", "")
        .replace(" (AFP)", "")
        .replace(";https://example.org/g.jpg", "")
        .replace("Photo of the harbour, ", "");
    std::fs::write(&csv, text).unwrap();
    let out = build_ok(dir.path());
    let timeline = read(&out.join("timeline/index.html"));
    for a in ["a", "c", "d", "www.example.org/e", "f", "h"] {
        let a = match a.contains('/') {
            true => format!("https://{a}.jpg"),
            false => format!("https://example.org/{a}.jpg"),
        };
        assert!(timeline.contains(&format!("href=\"{a}\"")), "{timeline}");
    }
}

/// A `Media` path naming no file of the site was said at the `Text`
/// column, where the summary made of both cells starts: it is said at
/// the `Media` cell, and a link in `Text` still at its own.
#[test]
fn a_media_path_naming_no_file_is_said_at_the_media_cell() {
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[
                ("Year", "2020"),
                ("Headline", "With text"),
                ("Text", "<p>Some text.</p>"),
                ("Media", "img/nothere.jpg"),
            ]),
            &row(&[
                ("Year", "2021"),
                ("Headline", "Alone"),
                ("Media", "img/gone.jpg"),
            ]),
            &row(&[
                ("Year", "2022"),
                ("Headline", "In the text"),
                ("Text", "<p>See <a href=\"docs/x.pdf\">this</a>.</p>"),
                ("Media", "https://example.org/a.jpg"),
            ]),
        ],
    );
    let err = check_fails(dir.path());
    assert_eq!(
        error_places(&err),
        [
            "content/events/sheet.csv:2:12",
            "content/events/sheet.csv:3:12",
            "content/events/sheet.csv:4:11",
        ],
        "{err}"
    );
    assert!(
        err.contains("`img/nothere.jpg` names no file of the built site"),
        "{err}"
    );
}

/// A sheet has no `id` column: ids are made from the year and the
/// headline. A row without a headline was "missing the required field
/// `id`" at column 1, and then missing its title; it is one message at
/// the `Headline` cell, and the row's other problems are still said.
#[test]
fn a_row_without_a_headline_is_said_at_its_cell() {
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[("Year", "2020"), ("Text", "<a href=\"javascript:y\">x</a>")]),
            &row(&[("Year", "2021"), ("Month", "13")]),
        ],
    );
    let err = check_fails(dir.path());
    let errors = error_places(&err);
    assert_eq!(
        errors,
        [
            "content/events/sheet.csv:2:10",
            "content/events/sheet.csv:2:11",
            "content/events/sheet.csv:3:2",
            "content/events/sheet.csv:3:10",
        ],
        "{err}"
    );
    assert!(
        err.contains(
            "content/events/sheet.csv:2:10: error: this row of a TimelineJS sheet has no `Headline`"
        ),
        "{err}"
    );
    assert!(!err.contains("missing the required field"), "{err}");
}

#[test]
fn ids_are_made_from_year_and_headline_and_never_clash() {
    let long = "A very long headline that goes on and on about the harbour contract and who knew what and when";
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[("Year", "2012"), ("Month", "1"), ("Headline", "Iowa")]),
            &row(&[("Year", "2012"), ("Month", "2"), ("Headline", "Iowa")]),
            &row(&[("Year", "2012"), ("Headline", "Iowa!")]),
            &row(&[("Year", "602"), ("Headline", long)]),
        ],
    );
    // An event written by hand holds the id the sheet would make: it keeps it.
    std::fs::write(
        dir.path().join("content/events/zz-hand.yaml"),
        "id: 2012-iowa\ndate: 2012-03\ntitle: Iowa, by hand\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    let mut ids: Vec<String> = events(&out)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    let cut = "0602-a-very-long-headline-that-goes-on-and-on-about-the-harbour-contract-and-who";
    assert!(cut.len() <= 80 && cut.len() > 75);
    assert_eq!(
        ids,
        [
            cut,
            "2012-iowa",
            "2012-iowa-2",
            "2012-iowa-3",
            "2012-iowa-4"
        ]
    );
    let by_hand = events(&out)
        .into_iter()
        .find(|e| e["id"] == "2012-iowa")
        .unwrap();
    assert_eq!(by_hand["title"], "Iowa, by hand");
}

#[test]
fn dates_take_the_precision_of_the_cells_given() {
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[("Year", "2019"), ("Headline", "A year"), ("Time", "10:30")]),
            &row(&[
                ("Year", "2019"),
                ("Month", "7"),
                ("Headline", "A month"),
                ("Display Date", "Summer"),
            ]),
            &row(&[
                ("Year", "2019"),
                ("Month", "07"),
                ("Day", "4"),
                ("End Year", "2020"),
                ("End Month", "2"),
                ("Headline", "A range"),
            ]),
            &row(&[
                ("Year", "2019"),
                ("End Month", "3"),
                ("Headline", "No end year"),
            ]),
            &row(&[
                ("Type", "era"),
                ("Year", "2019"),
                ("End Year", "2020"),
                ("Headline", "An era"),
            ]),
        ],
    );
    let out = build_ok(dir.path());
    let all = events(&out);
    let get = |title: &str| all.iter().find(|e| e["title"] == title).unwrap().clone();
    assert_eq!(get("A year")["date"], "2019");
    assert_eq!(get("A month")["date"], "2019-07");
    assert_eq!(get("A month")["display"], "July 2019");
    assert_eq!(get("A range")["date"], "2019-07-04");
    assert_eq!(get("A range")["end"], "2020-02");
    assert_eq!(get("No end year")["end"], serde_json::Value::Null);
    assert_eq!(all.len(), 4, "the era row is no event");
    // What was not kept is said once, at the first such column.
    let o = dossier_in(dir.path(), &["check"]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.contains("content/events/sheet.csv:1:4: warning: not kept from this TimelineJS sheet: the columns `Time`, `End Month` and `Display Date`; 1 era row"),
        "{err}"
    );
}

#[test]
fn the_title_row_introduces_a_site_without_a_description() {
    let title = row(&[
        ("Type", "title"),
        ("Headline", "Ignored"),
        ("Text", "<p>The <b>harbour</b> story.</p>"),
    ]);
    let event = row(&[("Year", "2020"), ("Headline", "One")]);
    let dir = sheet("title: Sheets\n", &[&title, &event]);
    let out = build_ok(dir.path());
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("The <strong>harbour</strong> story."),
        "{home}"
    );
    assert_eq!(events(&out).len(), 1);
    let dir = sheet(
        "title: Sheets\ndescription: Our own words.\n",
        &[&title, &event],
    );
    let home = read(&build_ok(dir.path()).join("index.html"));
    assert!(home.contains("Our own words."));
    assert!(!home.contains("harbour"), "{home}");
}

#[test]
fn cells_a_date_cannot_be_made_of_are_reported() {
    let dir = sheet(
        "title: Sheets\n",
        &[
            &row(&[("Year", "-500"), ("Headline", "Before")]),
            &row(&[("Year", "2020"), ("Day", "3"), ("Headline", "No month")]),
            &row(&[("Year", "2020"), ("Month", "Jan"), ("Headline", "Word")]),
            &row(&[
                ("Year", "2021"),
                ("Month", "2"),
                ("Day", "30"),
                ("Headline", "Not a day"),
            ]),
            &row(&[("Headline", "No year")]),
        ],
    );
    let o = dossier_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "sheet.csv:2:1: error: `-500`: dossier's dates start at the year 1",
        "sheet.csv:3:3: error: a `Day` without a `Month`",
        "sheet.csv:4:2: error: `Jan` is not a month",
        "sheet.csv:6:1: error: this row of a TimelineJS sheet has no `Year`",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // With those fixed, the calendar is the model's: at the Day cell.
    let dir = sheet(
        "title: Sheets\n",
        &[&row(&[
            ("Year", "2021"),
            ("Month", "2"),
            ("Day", "30"),
            ("Headline", "Not a day"),
        ])],
    );
    let err = stderr(&dossier_in(dir.path(), &["check"]));
    assert!(
        err.contains("sheet.csv:2:3: error: `2021-02-30` is not a real date"),
        "{err}"
    );
}

#[test]
fn an_unknown_column_of_a_sheet_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("site.yaml"), "title: Sheets\n").unwrap();
    std::fs::write(
        content.join("events.csv"),
        "Year,Headline,Txt\n2020,One,x\n",
    )
    .unwrap();
    let err = stderr(&dossier_in(dir.path(), &["check"]));
    assert!(
        err.contains(
            "content/events.csv:1:3: error: unknown column `Txt` in a TimelineJS sheet's header row"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `Text`?"), "{err}");
}

#[test]
fn the_timeline_goes_out_as_timelinejs_json() {
    let dir = investigation(None);
    let out = build_ok(dir.path());
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/timeline.json"))).unwrap();
    assert_eq!(json["title"]["text"]["headline"], "The Harbour Files");
    let events = json["events"].as_array().unwrap();
    let talks = events
        .iter()
        .find(|e| e["unique_id"] == "talks-begin")
        .unwrap();
    // A year stays a year: no month, no day made up.
    assert_eq!(talks["start_date"], serde_json::json!({"year": "2018"}));
    assert_eq!(talks["display_date"], "c. 2018");
    let review = events.iter().find(|e| e["unique_id"] == "review").unwrap();
    assert_eq!(
        review["start_date"],
        serde_json::json!({"year": "2018", "month": "6"})
    );
    assert_eq!(
        review["end_date"],
        serde_json::json!({"year": "2019", "month": "2"})
    );
    let contract = events
        .iter()
        .find(|e| e["unique_id"] == "contract-awarded")
        .unwrap();
    assert_eq!(
        contract["start_date"],
        serde_json::json!({"year": "2019", "month": "3", "day": "14"})
    );
    assert_eq!(contract["group"], "contract");
    let text = contract["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("href=\"https://news.example/harbour/timeline/#contract-awarded\""),
        "{text}"
    );
}
