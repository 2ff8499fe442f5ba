//! The validated investigation: the only types that the stages after
//! loading see. Every reference between records is resolved to a typed
//! index; records are in display order (articles newest first, events by
//! date). A `Site` is built once by [`build`] and is read-only after. The
//! records themselves are defined per kind in `src/kinds/`.

pub mod correction;
pub mod date;
pub mod links;
pub mod slug;
pub mod summary;
pub mod tags;
pub mod text;
pub mod validate;
pub mod wire;

pub use correction::Correction;
pub use date::{Date, When};
pub use links::{SiteLinks, Target};
pub use tags::{Tag, Tags};
pub use text::Keep;
pub use text::RichText;
pub use validate::{Articles, build, build_keeping, build_with_files, theme_name};

pub use crate::kinds::actor::{Actor, ActorKind, ExternalLink, Relation};
pub use crate::kinds::article::{Article, Credit, CreditName};
pub use crate::kinds::event::{Event, Status};
pub use crate::kinds::source::{Source, SourceKind};
pub use crate::kinds::statement::{Statement, StatementKind, missing_replies};
pub use crate::kinds::{Ix, Kind, Table};

/// Typed indices: positions in the `Site` tables.
pub type ActorIx = Ix<Actor>;
pub type EventIx = Ix<Event>;
pub type SourceIx = Ix<Source>;
pub type ArticleIx = Ix<Article>;
pub type StatementIx = Ix<Statement>;

macro_rules! site_storage {
    (all { $($fp:ident: $ft:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        /// The validated investigation: `site.yaml`, and one [`Table`] per
        /// record kind (from the list in `kinds`), each in display order.
        #[derive(Debug)]
        pub struct Site {
            pub config: SiteConfig,
            $(pub $fp: Table<$ft>,)*
            /// Every tag of every record, with the records that carry it.
            pub tags: Tags,
            /// Where each link from content into the site leads (id links,
            /// relative references).
            pub links: SiteLinks,
            /// Problems found that do not stop the build (content format
            /// 1.1, "Warnings"), to print and count, or deny.
            pub warnings: crate::Diagnostics,
            /// Every `boilerplate` pattern and how many paragraphs it
            /// removed, for `check` to report.
            pub boilerplate: Vec<BoilerplateCount>,
        }

        /// The records of every kind, in display order: the site's tables,
        /// or the lists validation has built before there is a site (id
        /// links and tags are resolved from these).
        #[derive(Clone, Copy)]
        pub struct Records<'a> {
            $(pub $fp: &'a [$ft],)*
        }

        impl<'a> Records<'a> {
            /// Calls `f` with every record of every kind that has tags:
            /// kinds in list order, records in display order.
            pub fn each_tagged(&self, mut f: impl FnMut(crate::kinds::Ref, &[String])) {
                $(
                    for (i, r) in self.$fp.iter().enumerate() {
                        let tags = <$ft as Kind>::tags(r);
                        if !tags.is_empty() {
                            f(crate::kinds::Ref::$ft(Ix::new(i)), tags);
                        }
                    }
                )*
            }

            /// Calls `f` with every record's kind name (`"actor"`), key
            /// and reference: what id links are resolved against.
            pub fn each_key(&self, mut f: impl FnMut(&'static str, &'a str, crate::kinds::Ref)) {
                $(
                    for (i, r) in self.$fp.iter().enumerate() {
                        f(<$ft as Kind>::INFO.name, r.key(), crate::kinds::Ref::$ft(Ix::new(i)));
                    }
                )*
            }
        }

        /// How many records of each kind the site holds (`site.counts` in
        /// templates, `check`'s summary).
        #[derive(Debug, Clone, Copy, serde::Serialize)]
        pub struct Counts {
            $(pub $fp: usize,)*
        }

        $(
            impl Stored for $ft {
                fn table(site: &Site) -> &Table<Self> {
                    &site.$fp
                }
            }
        )*

        impl Site {
            /// The site's tables as [`Records`].
            pub fn records(&self) -> Records<'_> {
                Records {
                    $($fp: &self.$fp,)*
                }
            }

            pub fn counts(&self) -> Counts {
                Counts {
                    $($fp: self.$fp.len(),)*
                }
            }
        }

        impl Counts {
            /// Each kind with its count, in list order.
            pub fn each(&self) -> Vec<(crate::kinds::KindInfo, usize)> {
                vec![
                    $((<$ft as crate::kinds::Kind>::INFO, self.$fp),)*
                ]
            }
        }
    };
}
crate::with_kinds!(site_storage);

/// A `boilerplate` pattern (of `site.yaml` or a sidecar) and how many
/// paragraphs of wire copy it left off the pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoilerplateCount {
    /// As written.
    pub pattern: String,
    /// Where it is written: `path:line:column`.
    pub place: String,
    pub removed: usize,
}

/// Where a value was written, kept in the model for a message made after
/// validation (the right-of-reply warning points at an entry of an
/// event's `reply_due`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// Relative to the investigation root, `/`-separated.
    pub path: String,
    /// 1-based; `None` where the input has no lines.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The line as written, and where the caret goes (in a CSV file,
    /// under the cell), for the caret display.
    pub source_line: Option<Box<crate::diag::Quote>>,
}

impl Position {
    /// Where diagnostic `d` points.
    pub fn of(d: crate::diag::Diagnostic) -> Position {
        Position {
            path: d.path.into(),
            line: d.line,
            column: d.column,
            source_line: d.source_line,
        }
    }

    /// A diagnostic saying `message` here.
    pub fn diagnostic(&self, message: impl Into<String>) -> crate::diag::Diagnostic {
        let mut d = crate::diag::Diagnostic::new(self.path.clone(), message);
        d.line = self.line;
        d.column = self.column;
        d.source_line = self.source_line.clone();
        d
    }
}

#[derive(Debug)]
pub struct SiteConfig {
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<RichText>,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub author: Option<String>,
    pub unsafe_html: bool,
    /// Which mentions of an actor are links (content format 1.1, `mention_links`).
    pub mention_links: MentionLinks,
    /// Whether the site has its offline full-text search (content format
    /// 1.1, `search`; on unless `search: false`).
    pub search: bool,
}

crate::choices!(
    /// Which mentions of an actor in a text become links to its page:
    /// the first in each text, or every one. Every mention is counted
    /// either way.
    MentionLinks {
        First = "first" / "First" / "First",
        Every = "every" / "Every" / "Every",
    }
);

/// Declares a fixed set of words a field may take (an actor's kind, an
/// event's status): the enum, its words, and for each the heading of its
/// group on an index page (plural) and its label on a card (singular).
#[macro_export]
macro_rules! choices {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal / $plural:literal / $label:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub const NAMES: &'static [&'static str] = &[$($text),*];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
            /// Heading for a group of this kind on an index page.
            pub fn plural(self) -> &'static str {
                match self { $($name::$variant => $plural),* }
            }
            /// Label of one record of this kind, on a card.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
        }
        impl $crate::model::Choice for $name {
            const ALL: &'static [$name] = &[$($name::$variant),*];
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn plural(self) -> &'static str {
                $name::plural(self)
            }
        }
    };
}

/// One of a fixed set of words (see [`choices!`]), as generic code reads it.
pub trait Choice: Copy + PartialEq + 'static {
    /// Every choice, in the order the content format lists them.
    const ALL: &'static [Self];
    /// The word as written in content.
    fn as_str(self) -> &'static str;
    /// Heading for a group of this choice on an index page.
    fn plural(self) -> &'static str;
}

/// A kind stored in the [`Site`] (every kind of the list in `kinds`).
pub trait Stored: Kind {
    /// The site's table of this kind.
    fn table(site: &Site) -> &Table<Self>;
}

impl Site {
    /// The keys (ids, or slugs) of the records at `ixs`, as open data and
    /// exports name them.
    pub fn keys<K: Stored>(&self, ixs: impl IntoIterator<Item = Ix<K>>) -> Vec<&str> {
        let table = K::table(self);
        ixs.into_iter().map(|i| table[i].key()).collect()
    }

    /// Every name and alias of every actor, for the mention matcher.
    pub fn actor_names(&self) -> impl Iterator<Item = (ActorIx, &str)> {
        self.actors
            .enumerate()
            .flat_map(|(i, a)| a.names().map(move |n| (i, n)))
    }
}
