//! The integration tests, as one test crate with a module per area.
//!
//! One crate rather than one per file (as mdBook and ripgrep do): the
//! library and all its dependencies are linked into one test executable
//! instead of one per area, and the helpers in `common` are compiled once
//! and shared instead of included into every crate.
//!
//! Areas:
//! - `build`: `dossier build`, what a reader of the built site sees.
//! - `check`: `dossier check` and `build` on broken investigations.
//! - `csv`: CSV data files, read as YAML records are, and the CSV exports.
//! - `errors`: every problem in one run, each at its value with a hint;
//!   identifier limits; the base URL (content format 1.1, "Errors").
//! - `exports`: the FollowTheMoney export.
//! - `builtin_theme`: the built-in theme renders every valid investigation.
//! - `hardening`: hostile and pathological input never panics or hangs.
//! - `kinds`: every registered record kind has its fixture, pages, open
//!   data, starter record and docs.
//! - `link_cache`: linking through the mentions cache equals linking afresh.
//! - `links`: id links and paths from the site root on every page and in
//!   the feed, unique ids on a page, the tag pages.
//! - `load_cache`: loading through the parse cache equals loading afresh.
//! - `mentions`: the mention rules of the content format on real-copy cases.
//! - `pagination`: the page budget: long lists split into pages, each
//!   event and statement on one page, links landing on it.
//! - `pictures`: the connection diagrams and the timeline's overview.
//! - `search`: the offline search: its page, index and header field.
//! - `serve`: `dossier serve`, the real binary on a real port.
//! - `shapes`: the page budget on investigations of other shapes (one
//!   record cited by everything, one event answered hundreds of times).
//! - `statements`: statements, the right of reply and corrections: their
//!   errors, every page they appear on, open data, feed, structured data.
//! - `suggest`: `dossier suggest`, possible actors in an invented
//!   investigation whose right answer was written down first.
//! - `timelinejs`: TimelineJS sheets read as events; the timeline as TimelineJS JSON.
//! - `wire_copy`: `.txt` articles read as an editor would: line endings,
//!   paragraphs, credit lines.
//!
//! `common` holds the shared helpers. Property-test regression seeds live
//! beside their module (`<area>.proptest-regressions`); see
//! `common::proptest_cases`.

mod common;

mod build;
mod builtin_theme;
mod check;
mod csv;
mod errors;
mod exports;
mod hardening;
mod kinds;
mod link_cache;
mod links;
mod load_cache;
mod mentions;
mod model_cache;
mod pagination;
mod pictures;
mod search;
mod serve;
mod shapes;
mod statements;
mod suggest;
mod timelinejs;
mod wire_copy;
