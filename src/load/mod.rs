//! Loading: walk `content/` in a fixed order, read and parse every file
//! (in parallel), and keep each record's spans for the model's messages.
//! Nothing here judges what the records mean; that is the model's job.
//!
//! A file that cannot be read or parsed does not stop the load: its
//! problems are kept ([`Loaded::problems`]) beside every record that did
//! load, and the keys of the records it held ([`Unloaded`]), so that the
//! model reports every other problem in the same run and none that only
//! follows from a broken file (content format 1.1, "Errors").

pub mod article;
mod cache;
pub mod csv;
pub mod fields;
pub mod html;
mod limits;
mod rephrase;
pub mod timelinejs;
mod yaml;

pub use cache::Cache;

use crate::diag::{Diagnostic, Diagnostics, LineStarts, closest, display_path};
use crate::kinds::{Actor, Article, Event, Kind, KindInfo, Source, Statement};
use article::{ParagraphMode, WireCopy, read_wire_copy, split_front_matter};
use fields::{Field, PartlyRead, Place, SiteFields, Span};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// Files larger than this are refused before they are parsed.
const MAX_YAML_BYTES: u64 = limits::MAX_FILE_BYTES;
const MAX_ARTICLE_BYTES: u64 = limits::MAX_FILE_BYTES;

/// A file that was read, kept for quoting its lines in messages.
#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub text: String,
    /// Lines before the YAML starts (front matter: 1), added to YAML positions.
    pub yaml_line_offset: usize,
    /// A CSV data file's rows and what it told besides its records.
    pub csv: Option<Box<csv::CsvFile>>,
    /// Where each line of `text` starts, for quoting lines in messages
    /// ([`SourceFile::line`]); made on first use.
    pub lines: LineStarts,
}

impl SourceFile {
    /// A file read from `path` (relative to the root), not YAML in front
    /// matter and not CSV.
    pub fn new(path: String, text: String) -> SourceFile {
        SourceFile {
            path,
            text,
            yaml_line_offset: 0,
            csv: None,
            lines: LineStarts::default(),
        }
    }

    /// Line `n` (1-based) of the file, as `str::lines` gives it: a lookup,
    /// whatever the number of messages that quote the file.
    pub fn line(&self, n: usize) -> Option<&str> {
        self.lines.line(&self.text, n)
    }

    /// A diagnostic at a 1-based line and column of this file, quoting
    /// that line (no YAML offset is added).
    pub fn at(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_quoting(self.path.clone(), line, column, self.line(line), message)
    }
}

#[derive(Debug)]
pub enum ArticleBody {
    /// The Markdown after the front matter: it starts at byte `start` of
    /// its file's text (`Loaded::files`), which is not copied, and at line
    /// `first_line` of the file. `in_file`: where to read the text again
    /// when a build or a check keeps only the front matter in
    /// `Loaded::files` ([`BodyFile`]); `None` when the whole text is there
    /// (`dossier serve`).
    Markdown {
        start: usize,
        first_line: usize,
        in_file: Option<Arc<BodyFile>>,
    },
    Wire(WireCopy),
}

/// A Markdown article's file, whose text a build or a check does not hold
/// between the stages that read it: each reads it again
/// ([`BodyFile::read`]). At 50,000 articles the texts, and their parses,
/// were most of the peak memory, which then grew with the articles
/// (issue 18); read again from the page cache, a text costs a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFile {
    /// The file, as it was found under `content/`.
    pub path: PathBuf,
    /// As shown in messages (`content/articles/x.md`).
    pub shown: String,
    /// The text's length in bytes, and its CRC-32, as first read (after
    /// lone CRs became LFs): a file changed since then is not read as the
    /// text that was validated.
    len: usize,
    crc: u32,
    /// Where the Markdown starts (`ArticleBody::Markdown::start`): a text
    /// read again must have a character boundary there, as readers slice
    /// it there (a CRC-32 can collide; a slice off a boundary panics).
    start: usize,
}

impl BodyFile {
    fn of(path: &Path, shown: &str, text: &str, start: usize) -> BodyFile {
        BodyFile {
            path: path.to_path_buf(),
            shown: shown.to_owned(),
            len: text.len(),
            crc: crc32fast::hash(text.as_bytes()),
            start,
        }
    }

    /// Where the Markdown starts in the file's text, in bytes: a
    /// character boundary of every text [`BodyFile::read`] gives.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The file's whole text, read again, as it was when first read.
    ///
    /// Errors: a message naming the file when it cannot be read or has
    /// changed since (the build's output would mix its two versions).
    pub fn read(&self) -> Result<String, Diagnostic> {
        let text = (std::fs::read(&self.path).ok()).and_then(|b| decode(b).ok());
        match text {
            Some(t)
                if t.len() == self.len
                    && t.is_char_boundary(self.start)
                    && crc32fast::hash(t.as_bytes()) == self.crc =>
            {
                Ok(t)
            }
            _ => Err(Diagnostic::new(
                self.shown.clone(),
                "this file changed (or went) while dossier was reading it",
            )
            .with_hint("run the command again once the file is saved")),
        }
    }
}

#[derive(Debug)]
pub struct RawArticle {
    /// The article's own file.
    pub file: usize,
    /// The file stem, for the default slug.
    pub stem: String,
    /// Front matter or sidecar (its spans name the file it is in).
    /// Boxed: about a kilobyte, and lent by `dossier serve`'s cache to
    /// every load and taken back, which then moves a pointer.
    pub meta: Option<Box<Field<<Article as Kind>::Fields>>>,
    pub body: ArticleBody,
}

macro_rules! loaded_storage {
    (all { $($fp:ident: $ft:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        /// Everything read from an investigation, not yet validated: one
        /// list of records as written per data-file kind (from the list in
        /// `kinds`), every record's spans naming its file.
        #[derive(Debug, Default)]
        pub struct Loaded {
            pub files: Vec<SourceFile>,
            pub site: Option<Field<SiteFields>>,
            $(pub $dp: Vec<Field<<$dt as Kind>::Fields>>,)*
            pub articles: Vec<RawArticle>,
            /// `content/static/`, relative output path to bytes.
            pub static_files: Vec<(String, Vec<u8>)>,
            /// What could not be read, parsed or loaded: every problem
            /// found on the way, in no order.
            pub problems: Diagnostics,
            /// The records written in content that did not load.
            pub unloaded: Unloaded,
            /// Where each data file's records come from, in list order.
            pub(crate) origins: Vec<Origin>,
        }

        /// A data-file kind (from the list in `kinds`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum DataKind {
            $($dt,)*
        }

        impl DataKind {
            /// Every data-file kind, in list order.
            const ALL: &[DataKind] = &[$(DataKind::$dt,)*];

            fn info(self) -> KindInfo {
                match self {
                    $(DataKind::$dt => <$dt as Kind>::INFO,)*
                }
            }
        }

        /// The records of one data file, of one kind, spans local to it.
        #[derive(Debug)]
        enum DataRecords {
            $($dt(Vec<Field<<$dt as Kind>::Fields>>),)*
        }

        impl DataRecords {
            /// Parses `source` as a data file of `kind`, in YAML or (for a
            /// `.csv` file) CSV: the records that loaded, every problem,
            /// the ids of those that did not, and what a CSV file told
            /// besides its records.
            fn parse(kind: DataKind, source: &SourceFile) -> (DataRecords, Vec<Diagnostic>, Vec<String>, Option<csv::CsvFile>) {
                let is_csv = has_extension(&source.path, &["csv"]);
                match kind {
                    $(DataKind::$dt if is_csv => {
                        let sheet = <$dt as Kind>::SHEET;
                        let read = csv::records(source, sheet.as_ref());
                        (DataRecords::$dt(read.records), read.problems, read.unloaded, Some(read.file))
                    })*
                    $(DataKind::$dt => {
                        let read = yaml::records(source, 0);
                        (DataRecords::$dt(read.records), read.problems, read.unloaded, None)
                    })*
                }
            }

            /// Which data kind, and how many records.
            fn shape(&self) -> (DataKind, usize) {
                match self {
                    $(DataRecords::$dt(v) => (DataKind::$dt, v.len()),)*
                }
            }

            /// Moves the records into `loaded`, in file `file`.
            fn append_to(self, loaded: &mut Loaded, file: usize) {
                match self {
                    $(DataRecords::$dt(mut v) => {
                        v.place(file, 0);
                        // One file often holds every record of its kind
                        // (20,000 events of about 1 KB each): its list is
                        // moved in whole rather than copied.
                        if loaded.$dp.is_empty() {
                            loaded.$dp = v;
                        } else {
                            loaded.$dp.append(&mut v);
                        }
                    })*
                }
            }
        }

        impl Loaded {
            /// How many records of each data kind, and where their list
            /// is in memory, in list order.
            fn data_shape(&self) -> Vec<(usize, usize)> {
                vec![$((self.$dp.len(), self.$dp.as_ptr() as usize)),*]
            }

            /// The `id` written in every data record that loaded, with
            /// its kind's name (`KindInfo::name`), whether or not the
            /// record passes its checks.
            pub fn written_ids(&self) -> Vec<(&'static str, &str)> {
                let mut out = Vec::new();
                $(out.extend(self.$dp.iter().flat_map(|r| r.value.as_written("id")).map(|id| (<$dt as Kind>::INFO.name, id)));)*
                out
            }

            /// Where each record read without some of its fields starts
            /// (a data record, an article's metadata, `site.yaml`;
            /// [`fields::PartlyRead`]), with the fields it lacks so.
            /// `articles`: the articles as loaded, `self.articles` or
            /// taken out of it. Owned: rare (each goes with a message),
            /// and outliving the articles, which validation lets go.
            pub fn partly_read(&self, articles: &[RawArticle]) -> std::collections::HashMap<Span, Vec<String>> {
                let mut out = std::collections::HashMap::new();
                $(out.extend(self.$dp.iter().filter(|r| r.value.is_partly_read()).map(|r| (r.span, r.value.unread().to_vec())));)*
                let metadata = articles.iter().filter_map(|a| a.meta.as_deref());
                let site = self.site.iter();
                out.extend(metadata.filter(|m| m.value.is_partly_read()).map(|m| (m.span, m.value.unread().to_vec())));
                out.extend(site.filter(|m| m.value.is_partly_read()).map(|m| (m.span, m.value.unread().to_vec())));
                out
            }

            /// The `tags` written in every data record that loaded,
            /// whether or not the record passes its checks.
            pub fn written_tags(&self) -> Vec<&str> {
                let mut out = Vec::new();
                $(out.extend(self.$dp.iter().flat_map(|r| r.value.as_written("tags")));)*
                out
            }

            /// Makes room for `n` more records of `kind`.
            fn reserve_data(&mut self, kind: DataKind, n: usize) {
                match kind {
                    $(DataKind::$dt => self.$dp.reserve(n),)*
                }
            }

            /// Takes the records back out, each data kind's in order, for
            /// the parse cache (`Cache::give_back`).
            fn into_data(self) -> (DataBack, LoadedRest) {
                (
                    DataBack { $($dp: self.$dp.into_iter(),)* },
                    LoadedRest {
                        files: self.files,
                        site: self.site,
                        articles: self.articles,
                        static_files: self.static_files,
                    },
                )
            }
        }

        /// The data records of a `Loaded`, handed back in order.
        struct DataBack {
            $($dp: std::vec::IntoIter<Field<<$dt as Kind>::Fields>>,)*
        }

        impl DataBack {
            /// The next `n` records of `kind`, if there are that many.
            fn take(&mut self, kind: DataKind, n: usize) -> Option<DataRecords> {
                match kind {
                    $(DataKind::$dt => {
                        // The last file's records (often all of them) keep
                        // the list they are in: collecting a whole
                        // `IntoIter` reuses its buffer instead of copying.
                        let v: Vec<_> = if self.$dp.len() == n {
                            std::mem::replace(&mut self.$dp, Vec::new().into_iter()).collect()
                        } else {
                            self.$dp.by_ref().take(n).collect()
                        };
                        (v.len() == n).then_some(DataRecords::$dt(v))
                    })*
                }
            }
        }
    };
}
crate::with_kinds!(loaded_storage);

/// What a `Loaded` holds besides data records.
struct LoadedRest {
    files: Vec<SourceFile>,
    site: Option<Field<SiteFields>>,
    articles: Vec<RawArticle>,
    static_files: Vec<(String, Vec<u8>)>,
}

/// What was written in content but did not load: the keys of the records
/// that failed to, and the kinds with a file that could not be read at all.
/// A reference to one of these is not reported as unknown: the broken
/// file's own error says what to fix (content format 1.1, "Errors").
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Unloaded {
    /// The kind's name (`KindInfo::name`) and the key (`id`, an article's
    /// slug) of each record that did not load, as far as its file shows it.
    pub keys: Vec<(&'static str, String)>,
    /// Kinds (by name) with a file that could not be read: any of their
    /// keys may have been in it.
    pub kinds: Vec<&'static str>,
}

impl Unloaded {
    /// Whether a record of kind `kind` (`KindInfo::name`) may have failed
    /// to load: one did, or a file of the kind could not be read. A
    /// warning that something matches no record of the kind would then be
    /// derived from that error, and may be wrong.
    pub fn any_of(&self, kind: &str) -> bool {
        self.kinds.contains(&kind) || self.keys.iter().any(|(k, _)| *k == kind)
    }

    fn append(&mut self, other: &mut Unloaded) {
        self.keys.append(&mut other.keys);
        self.kinds.append(&mut other.kinds);
    }

    /// Keys of kind `kind` written in `text`, a file that did not load
    /// (`None`: a file that could not be read at all).
    fn note(&mut self, kind: &'static str, key: &str, text: Option<&str>) {
        match text {
            Some(text) => self
                .keys
                .extend(yaml::written_keys(text, key).into_iter().map(|k| (kind, k))),
            None => self.kinds.push(kind),
        }
    }

    /// An article that did not load: the slug its file name gives, and
    /// any `slug:` its text shows.
    fn note_article(&mut self, stem: &str, text: Option<&str>) {
        let name = Article::INFO.name;
        self.keys
            .push((name, crate::model::slug::from_file_stem(stem)));
        if let Some(text) = text {
            self.note(name, "slug", Some(text));
        }
    }
}

/// The texts of the Markdown articles that a build or a check did not
/// keep in [`Loaded::files`] ([`BodyFile`]), read again a few hundred at a
/// time for validation, which lets each go once its article is built: at
/// 50,000 articles the texts were a quarter of the peak memory, and once
/// parsed only a message quoting one of their lines needs them (issue
/// 18). Indexed by file.
#[derive(Debug, Default)]
pub struct ArticleTexts(Vec<TakenText>);

/// What [`ArticleTexts`] holds of one file.
#[derive(Debug, Clone, Default)]
enum TakenText {
    /// Not an article's text read again: it is in [`Loaded::files`].
    #[default]
    NotTaken,
    Held(Arc<TakenFile>),
    LetGo,
}

/// An article's text read again, with the index of its lines.
#[derive(Debug)]
pub struct TakenFile {
    text: String,
    lines: LineStarts,
}

impl TakenFile {
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl ArticleTexts {
    /// The text of file `file`, when it is taken here and not let go.
    pub fn get(&self, file: usize) -> Option<&Arc<TakenFile>> {
        match self.0.get(file)? {
            TakenText::Held(t) => Some(t),
            _ => None,
        }
    }

    /// Whether the text of file `file` was taken and let go: nothing may
    /// read it any more.
    pub fn is_let_go(&self, file: usize) -> bool {
        matches!(self.0.get(file), Some(TakenText::LetGo))
    }

    /// Holds `text` as the text of file `file`, read again from it
    /// ([`BodyFile::read`]).
    pub fn hold(&mut self, file: usize, text: String) {
        if self.0.len() <= file {
            self.0.resize(file + 1, TakenText::NotTaken);
        }
        self.0[file] = TakenText::Held(Arc::new(TakenFile {
            text,
            lines: LineStarts::default(),
        }));
    }

    /// Lets the text of file `file` go: freed once no one holds it.
    pub fn let_go(&mut self, file: usize) {
        if let Some(t @ TakenText::Held(_)) = self.0.get_mut(file) {
            *t = TakenText::LetGo;
        }
    }
}

/// The text of one file, wherever it is kept: in [`Loaded::files`], or
/// in [`ArticleTexts`] (shared, so that holding it borrows neither).
#[derive(Debug, Clone)]
pub enum FileText<'a> {
    Loaded(&'a SourceFile),
    Taken(Arc<TakenFile>),
}

impl FileText<'_> {
    /// Line `n` (1-based) of the text, through its index (see
    /// [`SourceFile::line`]).
    pub fn line(&self, n: usize) -> Option<&str> {
        match self {
            FileText::Loaded(f) => f.line(n),
            FileText::Taken(t) => t.lines.line(&t.text, n),
        }
    }
}

impl std::ops::Deref for FileText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            FileText::Loaded(f) => &f.text,
            FileText::Taken(t) => &t.text,
        }
    }
}

impl Loaded {
    /// A diagnostic at `span`: at its line and column, quoting that line
    /// of `text`, the file's text (which a build or a check takes out
    /// of [`Loaded::files`] into [`ArticleTexts`]); or naming the file alone
    /// when the span has no line. In a CSV file the column is the cell's
    /// number in its row, and the caret stands under the cell.
    pub fn at_in(&self, span: Span, text: &FileText<'_>, message: impl Into<String>) -> Diagnostic {
        let f = &self.files[span.file()];
        if span.line() == 0 {
            return Diagnostic::new(f.path.clone(), message);
        }
        let d = Diagnostic::at_quoting(
            f.path.clone(),
            span.line(),
            span.column(),
            text.line(span.line()),
            message,
        );
        match &f.csv {
            Some(csv) => d.with_caret(csv.caret(text, span.line(), span.column())),
            None => d,
        }
    }

    /// The text of the first TimelineJS sheet's `title` row (in content
    /// order), as Markdown at its cell: the home page's introduction
    /// when `site.yaml` has no `description`.
    pub fn sheet_intro(&self) -> Option<fields::Text> {
        self.files.iter().enumerate().find_map(|(file, f)| {
            let (text, line, column) = f.csv.as_ref()?.intro.as_ref()?;
            Some(Field {
                value: text.clone(),
                span: Span::new(file, *line, *column),
            })
        })
    }

    /// What the CSV files hold that dossier does not keep (a TimelineJS
    /// sheet's era rows and other columns): one warning per file, in
    /// content order, which validation reports with its own.
    pub fn notes(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files
            .iter()
            .filter_map(|f| f.csv.as_ref())
            .flat_map(|c| c.notes.iter())
    }

    /// `path:line` of a span, for "already defined at" messages.
    pub fn place(&self, span: Span) -> String {
        format!("{}:{}", self.files[span.file()].path, span.line())
    }
}

/// Which kind of file a path below `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Site,
    /// A data file of one kind.
    Data(DataKind),
    ArticleMd,
    ArticleTxt,
    Sidecar,
    Static,
}

/// What may stand at the top of `content/`, in the order hints list it.
static TOP_LEVEL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut top = vec!["site.yaml".to_owned(), "articles".to_owned()];
    for k in DataKind::ALL {
        top.push(format!("{}.yaml", k.info().plural));
        top.push(format!("{}.csv", k.info().plural));
        top.push(k.info().plural.to_owned());
    }
    top.push("static".to_owned());
    top
});

/// The data kind a top-level name (`actors.yaml`, `actors.yml`,
/// `actors.csv`, `actors`) holds.
fn data_kind(top: &str) -> Option<(DataKind, bool)> {
    let (stem, folder) = match top.rsplit_once('.') {
        Some((stem, _)) if is_data_file(top) => (stem, false),
        Some(_) => return None,
        None => (top, true),
    };
    // `Events.csv`, as a spreadsheet names its export, is `events.csv`.
    DataKind::ALL
        .iter()
        .find(|k| k.info().plural.eq_ignore_ascii_case(stem))
        .map(|&k| (k, folder))
}

/// Which records a file may hold, by its path from the investigation's
/// root as diagnostics give it (`content/actors/people.yaml`), from the
/// layout of `content/` (content format 1.1): what an error in that file
/// may have kept from the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// Records of one kind, by [`KindInfo::name`] (`actor`, `article`).
    Records(&'static str),
    /// No records, but the settings that say how every article's text is
    /// read: `site.yaml` (its `boilerplate`, `unsafe_html`).
    Settings,
    /// No records: a static file, a theme's file, an option of the command
    /// line.
    NoRecords,
    /// Records of any kind, as far as dossier can tell: `content/` itself,
    /// or a file at its top that is none of the above (a data file
    /// misnamed, perhaps).
    Any,
}

/// [`Holds`] for the file at `path` (relative to the investigation's
/// root, `/`-separated).
pub fn holds(path: &str) -> Holds {
    let Some(rest) = path.strip_prefix("content/") else {
        return if path == "content" {
            Holds::Any
        } else {
            Holds::NoRecords
        };
    };
    match rest.split('/').next().unwrap_or(rest) {
        "site.yaml" => Holds::Settings,
        "static" => Holds::NoRecords,
        "articles" => Holds::Records(Article::INFO.name),
        top => data_kind(top).map_or(Holds::Any, |(k, _)| Holds::Records(k.info().name)),
    }
}

/// The entry of [`TOP_LEVEL`] that a misspelt top-level name is closest to.
fn did_you_mean_name(top: &str) -> Option<&'static str> {
    closest(top, TOP_LEVEL.iter().map(String::as_str))
}

/// Whether `name` ends in `.` and one of `extensions` (lower-case), in
/// any case: files saved on Windows or exported by some tools are named
/// `EVENTS.CSV` or `Story.MD`, and were skipped without a word.
fn has_extension(name: &str, extensions: &[&str]) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| extensions.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

fn is_yaml(name: &str) -> bool {
    has_extension(name, &["yaml", "yml"])
}

/// A data file in a kind's folder: YAML or CSV.
fn is_data_file(name: &str) -> bool {
    has_extension(name, &["yaml", "yml", "csv"])
}

/// The extensions of spreadsheets in their own formats (Excel, LibreOffice,
/// Numbers): a sheet saved so holds records dossier does not read.
const SHEETS: &[&str] = &["xlsx", "xls", "ods", "numbers"];

/// The hint for a file in a kind's folder that holds no records: how to
/// make it one, for the formats newsrooms keep records in.
fn not_data_hint(name: &str) -> &'static str {
    if has_extension(name, SHEETS) {
        "save the sheet as CSV (UTF-8) beside it; a spreadsheet's own format is not read"
    } else if has_extension(name, &["json", "tsv", "txt"]) {
        "records are read from .yaml, .yml and .csv files; save them as one of those"
    } else {
        "move it out of content/ (or start its name with `.`) if it holds no records"
    }
}

/// Loads the investigation at `root`: every record that loads, with every
/// problem found on the way in [`Loaded::problems`]. An error only when
/// there is no investigation there at all.
///
/// A Markdown article's text after its front matter is not kept: the
/// model reads it again from its file where it is needed ([`BodyFile`]).
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    load_inner(root, None, Bodies::InFile)
}

/// [`load`], keeping every article's whole text in [`Loaded::files`], as
/// [`load_with`] does: what a cached load gives when nothing is cached.
pub fn load_holding_texts(root: &Path) -> Result<Loaded, Diagnostics> {
    load_inner(root, None, Bodies::Held)
}

/// [`load_holding_texts`], re-parsing only the files that changed since
/// `cache` last saw them (see [`Cache`]). The result is the one
/// [`load_holding_texts`] would give.
pub fn load_with(root: &Path, cache: &mut Cache) -> Result<Loaded, Diagnostics> {
    load_inner(root, Some(cache), Bodies::Held)
}

fn load_inner(
    root: &Path,
    mut cache: Option<&mut Cache>,
    bodies: Bodies,
) -> Result<Loaded, Diagnostics> {
    let content = root.join("content");
    if !content.is_dir() {
        let mut diags = Diagnostics::default();
        // Named as given, so that a mistyped --root shows itself.
        let message = if root == Path::new(".") || root.as_os_str().is_empty() {
            "there is no `content/` folder here".to_owned()
        } else if !root.is_dir() {
            format!("there is no folder `{}`", root.display())
        } else {
            format!("there is no `content/` folder in `{}`", root.display())
        };
        diags.push(
            Diagnostic::new(display_path(root, &content), message)
                .with_hint("run the command in an investigation's folder, pass --root, or start one with `dossier new <dir>`"),
        );
        return Err(diags);
    }
    let kept = cache.as_deref_mut().and_then(|c| c.kept_walk(&content));
    let walked = kept.is_none();
    let Walk {
        entries,
        sidecars,
        mut diags,
        unloaded,
        folders,
        links,
    } = kept.unwrap_or_else(|| walk(root, &content));
    match cache {
        None => {
            let parsed = parse_all(root, &entries, &sidecars, &stem_of, bodies);
            let mut loaded = Loaded {
                unloaded,
                ..Loaded::default()
            };
            reserve(&mut loaded, parsed.iter());
            for mut p in parsed {
                diags.extend(std::mem::take(&mut p.diags));
                loaded.unloaded.append(&mut p.unloaded);
                assemble(&mut loaded, p);
            }
            let has_site = loaded.site.is_some();
            finish(loaded, has_site, diags)
        }
        Some(cache) => {
            // A walk that found nothing wrong, read no file and followed
            // no link is kept while no folder changed: where folders have
            // no inode and status-change time (off Unix), a folder put
            // back with its old times would look unchanged.
            let keep = diags.is_empty() && unloaded == Unloaded::default() && !links && cfg!(unix);
            // Past a link, the watcher may not see a change (its target
            // is elsewhere): every file is looked at.
            if links {
                cache.look_at_every_file();
            }
            let loaded = cache.load(root, &entries, &sidecars, &stem_of, diags, unloaded);
            let walk = keep.then(|| Walk {
                entries,
                sidecars,
                diags: Diagnostics::default(),
                unloaded: Unloaded::default(),
                folders,
                links,
            });
            cache.keep_walk(walk, walked);
            loaded
        }
    }
}

/// What the walk of `content/` found: the entries in content order, the
/// sidecars of `.txt` articles, its problems, the records of misspelt data
/// files (which are read), and every folder walked.
struct Walk {
    entries: Vec<Entry>,
    sidecars: Sidecars,
    diags: Diagnostics,
    unloaded: Unloaded,
    /// Each folder with its key ([`cache::FileKey`], and whether it was
    /// modified too recently to trust), taken before it was read; `None`
    /// when it could not be looked at.
    folders: Vec<(PathBuf, Option<(cache::FileKey, bool)>)>,
    /// Whether a symbolic link was followed: what it leads to may change
    /// with no folder or watched file of `content/` changing.
    links: bool,
}

/// The stem of an entry's path (`articles/x` for `articles/x.txt`): a
/// sidecar belongs to the `.txt` article with the same stem beside it.
fn stem_of(rel: &str) -> String {
    rel.rsplit_once('.')
        .map(|(s, _)| s.to_owned())
        .unwrap_or_else(|| rel.to_owned())
}

/// Walks `content/` (at `content`, in `root`).
fn walk(root: &Path, content: &Path) -> Walk {
    let (mut diags, mut unloaded) = (Diagnostics::default(), Unloaded::default());
    let mut folders = Vec::new();
    let mut links = false;
    let mut entries: Vec<(String, PathBuf, Role)> = Vec::new();
    for entry in crate::diag::walk(root, content, false) {
        let entry = match entry {
            Ok(e) => e,
            Err(d) => {
                // A data file or folder refused (a link out of the
                // investigation, a loop) or unreadable: any of its kind's
                // ids may have been in it.
                let top = (d.path.strip_prefix("content/"))
                    .and_then(|rel| rel.split('/').next())
                    .and_then(data_kind);
                if let Some((kind, _)) = top {
                    unloaded.note(kind.info().name, "id", None);
                }
                diags.push(d);
                continue;
            }
        };
        // Looked at before walkdir reads it: a change while it is read
        // makes the key stale rather than the listing.
        if entry.file_type().is_dir() {
            let key = cache::FileKey::of(entry.path(), std::time::SystemTime::now());
            folders.push((entry.path().to_path_buf(), key));
        }
        links |= entry.path_is_symlink();
        // Only for messages: most entries never need it.
        let shown = || display_path(root, entry.path());
        let rel = entry.path().strip_prefix(content).unwrap_or(entry.path());
        let rel_str = crate::diag::slash_separated(rel);
        let mut parts = rel_str.split('/');
        let top = parts.next().unwrap_or("");
        let is_file = entry.file_type().is_file();
        if entry.depth() == 1 && !TOP_LEVEL.iter().any(|t| t == top) && data_kind(top).is_none() {
            let plurals: Vec<&str> = DataKind::ALL.iter().map(|k| k.info().plural).collect();
            let meant = did_you_mean_name(top);
            // `actors.xlsx`: a sheet left in its own format.
            let sheet = (has_extension(top, SHEETS))
                .then(|| top.rsplit_once('.').map(|(stem, _)| stem.to_ascii_lowercase()))
                .flatten()
                .filter(|stem| plurals.contains(&stem.as_str()))
                .map(|stem| format!("save the sheet as CSV (UTF-8): `content/{stem}.csv`; a spreadsheet's own format is not read"));
            diags.push(
                Diagnostic::new(shown(), format!("`{top}` is not part of the content format"))
                    .maybe_hint(meant.map(|m| format!("did you mean `{m}`?")))
                    .maybe_hint(sheet)
                    .with_hint_default(format!("content/ holds site.yaml, articles/, {} (a .yaml file or a folder) and static/", plurals.join(", "))),
            );
            // A misspelt data file (`actor.yaml`) held records that others
            // may refer to: they are not reported as unknown.
            if let Some((kind, false)) = meant.and_then(data_kind)
                && is_file
                && is_yaml(top)
            {
                let text = std::fs::read(entry.path())
                    .ok()
                    .filter(|b| b.len() as u64 <= MAX_YAML_BYTES);
                let text = text.map(|b| String::from_utf8_lossy(&b).into_owned());
                unloaded.note(kind.info().name, "id", text.as_deref());
            }
            continue;
        }
        if !is_file {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let role = match (top, data_kind(top)) {
            ("site.yaml", _) => Role::Site,
            (_, Some((kind, true))) if !is_data_file(&name) => {
                diags.push(
                    Diagnostic::new(
                        shown(),
                        format!(
                            "not read: only .yaml, .yml and .csv files in content/{}/ hold records",
                            kind.info().plural
                        ),
                    )
                    .with_hint(not_data_hint(&name))
                    .warning(),
                );
                continue;
            }
            (_, Some((kind, _))) => Role::Data(kind),
            // On Windows `\` separates folders and is never in a name;
            // elsewhere a name may hold it, but browsers read it in an
            // address as `/`, and it was written as one: `a\b.txt` went
            // to `a/b.txt`, where it could clash with the file `a`.
            ("static", _) if rel.iter().any(|c| c.to_string_lossy().contains('\\')) => {
                diags.push(
                    Diagnostic::new(shown(), "a `\\` in a file name: browsers read it in an address as `/`, so this file cannot be published under its name")
                        .with_hint("rename it without `\\` (a `/` makes a folder)"),
                );
                continue;
            }
            ("static", _) => Role::Static,
            ("articles", _) if has_extension(&name, &["md"]) => Role::ArticleMd,
            ("articles", _) if has_extension(&name, &["txt"]) => Role::ArticleTxt,
            ("articles", _) if is_yaml(&name) => Role::Sidecar,
            ("articles", _) => {
                diags.push(
                    Diagnostic::new(shown(), "stray file among the articles: only .md and .txt articles (and .yaml sidecars of .txt articles) belong here")
                        .with_hint("move it to content/static/ to publish it as a file, or remove it"),
                );
                continue;
            }
            _ => continue,
        };
        entries.push((rel_str, entry.into_path(), role));
    }
    // Content order: byte-wise sorted relative paths.
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));

    // Sidecars belong to the .txt article with the same stem beside them.
    let txt_stems: std::collections::HashSet<String> = entries
        .iter()
        .filter(|e| e.2 == Role::ArticleTxt)
        .map(|e| stem_of(&e.0))
        .collect();
    let md_stems: std::collections::HashSet<String> = entries
        .iter()
        .filter(|e| e.2 == Role::ArticleMd)
        .map(|e| stem_of(&e.0))
        .collect();
    let mut sidecars: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    entries.retain(|(rel, path, role)| {
        if *role != Role::Sidecar {
            return true;
        }
        let stem = stem_of(rel);
        let shown = format!("content/{rel}");
        if !txt_stems.contains(&stem) {
            let hint = if md_stems.contains(&stem) {
                "a Markdown article keeps its metadata in front matter between `---` lines, not in a sidecar"
            } else {
                "a sidecar needs a .txt article with the same name beside it"
            };
            diags.push(Diagnostic::new(shown, "stray file among the articles: a .yaml sidecar without its .txt article").with_hint(hint));
        } else if let Some(other) = sidecars.get(&stem) {
            diags.push(Diagnostic::new(shown, format!("this article already has a sidecar: `{}`", display_path(root, other))).with_hint("keep one of the two"));
        } else {
            sidecars.insert(stem, path.clone());
        }
        false
    });

    Walk {
        entries,
        sidecars,
        diags,
        unloaded,
        folders,
        links,
    }
}

/// The end of every load: a missing site.yaml is reported, unless
/// reading it failed, and every problem goes with what did load.
fn finish(
    mut loaded: Loaded,
    has_site: bool,
    mut diags: Diagnostics,
) -> Result<Loaded, Diagnostics> {
    if !has_site && !diags.iter().any(|d| &*d.path == "content/site.yaml") {
        diags.push(
            Diagnostic::new(
                "content/site.yaml",
                "missing: every investigation needs a site.yaml with at least a `title`",
            )
            .with_hint("create it with a line such as `title: The Pegasus Project`"),
        );
    }
    loaded.problems = diags;
    Ok(loaded)
}

/// A file below `content/`: its path relative to `content/`, its path, its role.
type Entry = (String, PathBuf, Role);

/// `.txt` article stem (relative to `content/`) to its sidecar.
type Sidecars = std::collections::HashMap<String, PathBuf>;

fn parse_all(
    root: &Path,
    entries: &[Entry],
    sidecars: &Sidecars,
    stem_of: &(impl Fn(&str) -> String + Sync),
    bodies: Bodies,
) -> Vec<Parsed> {
    let all: Vec<usize> = (0..entries.len()).collect();
    parse_some(root, entries, &all, sidecars, stem_of, bodies)
}

/// What a load keeps of a Markdown article's text after its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bodies {
    /// The whole text, in `Loaded::files` (`dossier serve`, whose caches
    /// compare texts).
    Held,
    /// Only the front matter: the rest is read again from the file where
    /// it is needed ([`BodyFile`]).
    InFile,
}

/// Parses the entries at `which` (in parallel), in the order given.
fn parse_some(
    root: &Path,
    entries: &[Entry],
    which: &[usize],
    sidecars: &Sidecars,
    stem_of: &(impl Fn(&str) -> String + Sync),
    bodies: Bodies,
) -> Vec<Parsed> {
    // Data files can hold thousands of records each and come last in path
    // order: parsed first, one task per file, so that no core is left with
    // a run of them while the other has finished.
    let mut order: Vec<usize> = (0..which.len()).collect();
    order.sort_by_key(|&k| !matches!(entries[which[k]].2, Role::Data(_)));
    let mut parsed: Vec<(usize, Parsed)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|k| {
            let (rel, path, role) = &entries[which[k]];
            let sidecar = sidecars.get(&stem_of(rel)).map(PathBuf::as_path);
            (k, parse_entry(root, rel, path, *role, sidecar, bodies))
        })
        .collect();
    parsed.sort_unstable_by_key(|(k, _)| *k);
    parsed.into_iter().map(|(_, p)| p).collect()
}

/// Makes room in `loaded` for all that `parsed` will add: the records are
/// large, and moved once rather than again at every growth of a list.
fn reserve<'a>(loaded: &mut Loaded, parsed: impl Iterator<Item = &'a Parsed>) {
    let (mut files, mut articles) = (0, 0);
    let mut data = vec![0; DataKind::ALL.len()];
    for p in parsed {
        files += p.files.len();
        match &p.item {
            Item::Data(rs) => {
                let (kind, n) = rs.shape();
                data[kind as usize] += n;
            }
            Item::Article { .. } => articles += 1,
            _ => {}
        }
    }
    loaded.files.reserve(files);
    for (&kind, n) in DataKind::ALL.iter().zip(data) {
        loaded.reserve_data(kind, n);
    }
    loaded.articles.reserve(articles);
}

/// Adds what one entry produced to `loaded` (its problems aside), and says
/// what it added. The entry's spans are put in the files' places.
fn assemble(loaded: &mut Loaded, p: Parsed) -> (usize, ItemShape) {
    let base = loaded.files.len();
    let files = p.files.len();
    loaded.files.extend(p.files);
    let item = match p.item {
        Item::Nothing => ItemShape::Nothing,
        Item::Site(mut r) => {
            r.place(base, 0);
            loaded.site = Some(*r);
            ItemShape::Site
        }
        Item::Data(rs) => {
            let (kind, n) = rs.shape();
            loaded.origins.push(Origin {
                kind: kind.info().name,
                parse: p.parse,
                file: base,
            });
            rs.append_to(loaded, base);
            ItemShape::Data(kind, n)
        }
        Item::Article {
            stem,
            mut meta,
            meta_file,
            body,
        } => {
            meta.place(base + meta_file, 0);
            loaded.articles.push(RawArticle {
                file: base,
                stem,
                meta,
                body,
            });
            ItemShape::Article { meta_file }
        }
        Item::Static(rel, bytes) => {
            loaded.static_files.push((rel, bytes));
            ItemShape::Static
        }
    };
    (files, item)
}

/// What one entry of `content/` produced, its spans local to the entry's
/// files (0: the entry's file; 1: a `.txt` article's sidecar).
enum Item {
    Nothing,
    /// Boxed: far larger than the other items, and one per investigation.
    Site(Box<Field<SiteFields>>),
    Data(DataRecords),
    Article {
        stem: String,
        /// Boxed, as the site: most items are small data files.
        meta: Option<Box<Field<<Article as Kind>::Fields>>>,
        meta_file: usize,
        body: ArticleBody,
    },
    Static(String, Vec<u8>),
}

/// What one entry added to a `Loaded`, to take it back apart.
#[derive(Clone, Copy)]
enum ItemShape {
    Nothing,
    Site,
    /// `n` records of a data kind.
    Data(DataKind, usize),
    Article {
        meta_file: usize,
    },
    Static,
}

/// What one entry produced: its files (the article, then its sidecar), the
/// item, problems, and the keys of what it held that did not load.
struct Parsed {
    files: Vec<SourceFile>,
    item: Item,
    diags: Vec<Diagnostic>,
    unloaded: Unloaded,
    /// Which parse this is: a number no other parse in this process has.
    parse: u64,
}

impl Parsed {
    /// A parse with nothing in it yet, numbered afresh.
    fn new() -> Parsed {
        static PARSES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Parsed {
            files: Vec::new(),
            item: Item::Nothing,
            diags: Vec::new(),
            unloaded: Unloaded::default(),
            parse: PARSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// Where the records of one data file in a [`Loaded`] come from: the
/// parse that read them and the file's place in [`Loaded::files`]. Two
/// loads with the same origins for a kind hold the very same records of
/// it, spans and all (a parse `dossier serve` kept, see [`Cache`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The kind's name ([`KindInfo::name`]).
    pub kind: &'static str,
    parse: u64,
    file: usize,
}

impl std::fmt::Debug for Origin {
    /// The kind and the file: which parse it was is no part of what was
    /// loaded (a load through [`Cache`] shows as a fresh one).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} records of file {}", self.kind, self.file)
    }
}

/// Why a file's text could not be had: the problem, and the text as
/// far as it can be read (a file that is not UTF-8, decoded with
/// replacement characters), to find the keys of the records it held.
struct Unread {
    /// Boxed: a failed read is rare, and the result is passed around.
    problem: Box<Diagnostic>,
    lossy: Option<String>,
}

impl From<Diagnostic> for Unread {
    fn from(problem: Diagnostic) -> Self {
        Unread {
            problem: Box::new(problem),
            lossy: None,
        }
    }
}

fn read_text(root: &Path, path: &Path, limit: u64) -> Result<String, Unread> {
    let shown = display_path(root, path);
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::new(shown.clone(), format!("cannot read this file: {e}")))?;
    if meta.len() > limit {
        let article = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("txt"));
        let (message, hint) = limits::too_large(meta.len(), limit, article);
        return Err(Diagnostic::new(shown, message).with_hint(hint).into());
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::new(shown.clone(), format!("cannot read this file: {e}")))?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    decode(bytes).map_err(|e| {
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Unread {
            problem: Box::new(not_utf8(shown, e.as_bytes(), e.utf8_error(), csv)),
            lossy: Some(lossy),
        }
    })
}

/// The error for a file whose `bytes` are not UTF-8 (`error`): at the
/// first byte that is not, quoting its line, in a CSV file at its cell
/// (content format 1.1: a CSV message's column is the cell's number). A
/// file in UTF-16 (Excel's "Unicode Text", with its byte order mark) says
/// so, and a byte that Windows-1252 reads as a letter (`é`, saved by a
/// Windows program in its own encoding) names it.
fn not_utf8(shown: String, bytes: &[u8], error: std::str::Utf8Error, csv: bool) -> Diagnostic {
    let hint = match csv {
        true => {
            "save it again as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\"; LibreOffice: character set \"Unicode (UTF-8)\")"
        }
        false => "save it as UTF-8 in your editor",
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Diagnostic::at_quoting(
            shown,
            1,
            1,
            None,
            "this file is UTF-16 text (as Excel saves \"Unicode Text\"): dossier reads UTF-8",
        )
        .with_hint(hint);
    }
    let good = error.valid_up_to();
    let text = String::from_utf8_lossy(&bytes[..good]);
    let (line, col) = crate::diag::line_col(&text, good);
    let line_start = text[..good].rfind('\n').map_or(0, |i| i + 1);
    let line_end = bytes[good..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| good + i);
    let quote = String::from_utf8_lossy(&bytes[line_start..line_end]);
    let quote = quote.trim_end_matches('\r');
    // Windows-1252 and Latin-1 agree from 0xA0 on: letters such as é.
    let byte = bytes[good];
    let message = match byte {
        0xA0..=0xFF if char::from(byte).is_alphabetic() => format!(
            "this file is not valid UTF-8 text: the byte {byte:#04X} here is `{}` in Windows-1252, which a Windows program may have saved",
            char::from(byte)
        ),
        _ => "this file is not valid UTF-8 text".to_owned(),
    };
    // In a CSV file, the cell's number: commas before it on its line,
    // outside quotes (a cell spanning lines is counted from its line).
    let column = match csv {
        true => {
            let mut quoted = false;
            1 + text[line_start..good]
                .chars()
                .filter(|&c| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    c == ',' && !quoted
                })
                .count()
        }
        false => col,
    };
    Diagnostic::at_quoting(shown, line, column, Some(quote), message)
        .with_caret(Some(col))
        .with_hint(hint)
}

/// A file's bytes as its text: without a UTF-8 byte order mark, lone CRs
/// made LFs ([`lone_cr_to_lf`]).
fn decode(mut bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map(lone_cr_to_lf)
}

/// A lone CR (old Mac line endings, some agency feeds) is a line break like
/// LF and CRLF: each becomes an LF here, once for every reader of the text.
/// One byte for one, so byte offsets, columns and line numbers still point
/// at the file as written (a CRLF stays as it is and counts as one line).
fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were swapped for ASCII bytes: still UTF-8.
    String::from_utf8(bytes).expect("ASCII for ASCII keeps UTF-8 valid")
}

fn parse_entry(
    root: &Path,
    rel: &str,
    path: &Path,
    role: Role,
    sidecar: Option<&Path>,
    bodies: Bodies,
) -> Parsed {
    let mut out = Parsed::new();
    if role == Role::Static {
        let key = rel.strip_prefix("static/").unwrap_or(rel).to_owned();
        match std::fs::read(path) {
            Ok(bytes) => out.item = Item::Static(key, bytes),
            Err(e) => out.diags.push(Diagnostic::new(
                display_path(root, path),
                format!("cannot read this file: {e}"),
            )),
        }
        return out;
    }
    let limit = if matches!(role, Role::ArticleMd | Role::ArticleTxt) {
        MAX_ARTICLE_BYTES
    } else {
        MAX_YAML_BYTES
    };
    let text = match read_text(root, path, limit) {
        Ok(t) => t,
        Err(Unread { problem, lossy }) => {
            out.diags.push(*problem);
            match role {
                // A data file that cannot be read (too large, or not
                // UTF-8: a UTF-16 file shows no key read as UTF-8, and a
                // CSV file's ids are not found like YAML keys): any of the
                // kind's ids may have been in it.
                Role::Data(kind) => out.unloaded.note(kind.info().name, "id", None),
                Role::ArticleMd | Role::ArticleTxt => {
                    out.unloaded
                        .note_article(&file_stem(path), lossy.as_deref());
                }
                _ => {}
            }
            return out;
        }
    };
    let file = SourceFile::new(display_path(root, path), text);
    match role {
        Role::Site => {
            let mut read = yaml::record::<SiteFields>(&file, &file.text, 0, "");
            match read.records.pop() {
                Some(r) => out.item = Item::Site(Box::new(r)),
                None if read.problems.is_empty() => out.diags.push(Diagnostic::new(
                    file.path.clone(),
                    "site.yaml is empty: it needs at least a `title`",
                )),
                None => {}
            }
            out.diags.append(&mut read.problems);
        }
        Role::Data(kind) => {
            let (records, mut problems, unloaded, csv) = DataRecords::parse(kind, &file);
            out.item = Item::Data(records);
            out.diags.append(&mut problems);
            let name = kind.info().name;
            out.unloaded
                .keys
                .extend(unloaded.into_iter().map(|k| (name, k)));
            if csv.as_ref().is_some_and(|c| c.cut_short) {
                out.unloaded.kinds.push(name);
            }
            // A CSV file's rows and what it told besides stay with it.
            out.files.push(SourceFile {
                csv: csv.map(Box::new),
                ..file
            });
            return out;
        }
        Role::ArticleMd => {
            let stem = file_stem(path);
            match split_front_matter(&file.text) {
                Err(line) => {
                    out.diags.push(
                        file.at(line, 1, "front matter opened here is never closed")
                            .with_hint("end the metadata block with a line `---`"),
                    );
                    out.unloaded.note_article(&stem, Some(&file.text));
                }
                Ok(None) => {
                    out.diags.push(
                        file.at(1, 1, "a Markdown article starts with front matter: a line `---`, YAML metadata (title, date), and `---`"),
                    );
                    out.unloaded.note_article(&stem, None);
                }
                Ok(Some(fm)) => {
                    let start = fm.body.as_ptr() as usize - file.text.as_ptr() as usize;
                    let in_file = (bodies == Bodies::InFile)
                        .then(|| Arc::new(BodyFile::of(path, &file.path, &file.text, start)));
                    let body = ArticleBody::Markdown {
                        start,
                        first_line: fm.body_line,
                        in_file: in_file.clone(),
                    };
                    // The file's text moves into the record kept for messages, not copied.
                    let yaml_start = fm.yaml.as_ptr() as usize - file.text.as_ptr() as usize;
                    let yaml_range = yaml_start..yaml_start + fm.yaml.len();
                    let yaml_line_offset = fm.yaml_line - 1;
                    let yaml_file = SourceFile {
                        yaml_line_offset,
                        ..file
                    };
                    let mut read = yaml::record::<<Article as Kind>::Fields>(
                        &yaml_file,
                        &yaml_file.text[yaml_range],
                        0,
                        "slug",
                    );
                    let mut yaml_file = yaml_file;
                    if in_file.is_some() {
                        // The front matter is all that messages quote
                        // before the text is read again.
                        yaml_file.text.truncate(start);
                        yaml_file.text.shrink_to_fit();
                    }
                    out.files.push(yaml_file);
                    if read.goes_on() {
                        out.diags.append(&mut read.problems);
                        let meta = read.records.pop();
                        out.item = Item::Article {
                            stem,
                            meta: meta.map(Box::new),
                            meta_file: 0,
                            body,
                        };
                    } else {
                        // Metadata that did not load: the article is left
                        // out, with no second error for its missing fields.
                        out.diags.append(&mut read.problems);
                        out.unloaded.note_article(&stem, None);
                        let name = Article::INFO.name;
                        out.unloaded
                            .keys
                            .extend(read.unloaded.into_iter().map(|k| (name, k)));
                    }
                    return out;
                }
            }
        }
        Role::ArticleTxt => {
            let stem = file_stem(path);
            let mut meta = None;
            out.files.push(file);
            if let Some(side) = sidecar {
                let read = match read_text(root, side, MAX_YAML_BYTES) {
                    Ok(text) => {
                        let side_file = SourceFile::new(display_path(root, side), text);
                        let read = yaml::record::<<Article as Kind>::Fields>(
                            &side_file,
                            &side_file.text,
                            1,
                            "slug",
                        );
                        out.files.push(side_file);
                        Ok(read)
                    }
                    Err(unread) => Err(unread),
                };
                match read {
                    Ok(mut read) if read.goes_on() => {
                        out.diags.append(&mut read.problems);
                        meta = read.records.pop();
                    }
                    Ok(mut read) => {
                        out.diags.append(&mut read.problems);
                        out.unloaded.note_article(&stem, None);
                        let name = Article::INFO.name;
                        out.unloaded
                            .keys
                            .extend(read.unloaded.into_iter().map(|k| (name, k)));
                        return out;
                    }
                    Err(Unread { problem, lossy }) => {
                        out.diags.push(*problem);
                        out.unloaded.note_article(&stem, lossy.as_deref());
                        return out;
                    }
                }
            }
            let title = meta
                .as_ref()
                .and_then(|m: &Field<<Article as Kind>::Fields>| m.value.title.as_ref())
                .map(|t| t.value.clone());
            // An unknown `paragraphs` is the model's error; read as `auto` till then.
            let mode = meta
                .as_ref()
                .and_then(|m| m.value.paragraphs.as_ref())
                .and_then(|p| ParagraphMode::parse(&p.value))
                .unwrap_or(ParagraphMode::Auto);
            let wire = read_wire_copy(&out.files[0].text, title.as_deref(), mode);
            out.item = Item::Article {
                stem,
                meta: meta.map(Box::new),
                meta_file: 1,
                body: ArticleBody::Wire(wire),
            };
            return out;
        }
        Role::Sidecar | Role::Static => {}
    }
    out.files.push(file);
    out
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
