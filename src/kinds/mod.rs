//! The record kinds of an investigation, each defined in one file: its
//! fields as written, the validated record, how one is built from its
//! fields (every check of the content format that is its own), what the
//! later stages read from it (texts for mentions, references for
//! backlinks), its pages' context and its open-data row.
//!
//! The stages (`load` → `model` → `link` → `render` → `write`) are generic
//! machinery; they learn the kinds from the one list in `with_kinds!`,
//! from which the site's storage, the counts, the loader's file roles and
//! the list of data files all derive; so do the id links into content
//! (`<name>:<key>`, `model::links`) and, through [`Kind::tags`], the tag
//! pages. Adding a kind is a new file here, a line in that list and one in
//! the model's build order (and in its `Records`), plus what users see of
//! it (with `KindPages::listed` when a tag's page should show a card): its templates, a base-fixture record, a record in the
//! starter and its docs (`tests/it/kinds.rs` checks those; see
//! `docs/decisions.md`, "How the code is organised").

pub mod actor;
pub mod article;
pub mod event;
pub mod source;
pub mod statement;

use crate::link::Graph;
use crate::model::{Correction, RichText, Site};
use std::marker::PhantomData;

/// What every stage may know of a kind without knowing the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    /// The singular, as messages name it: "actor".
    pub name: &'static str,
    /// The plural: the data file and folder (`actors.yaml`, `actors/`), the
    /// open-data file (`data/actors.json`), the key in `site.counts`.
    pub plural: &'static str,
    /// One record, as a message names it: "an actor".
    pub one: &'static str,
}

impl KindInfo {
    /// `n` records of this kind, as a page or a message counts them:
    /// "1 actor", "2,000 actors".
    pub fn counted(self, n: usize) -> String {
        crate::diag::counted(n, self.name, self.plural)
    }
}

/// A record kind. Implemented once per kind, in the kind's file.
pub trait Kind: Sized + Send + Sync + 'static {
    /// Names and file roles (see [`KindInfo`]).
    const INFO: KindInfo;

    /// The record as written (declared with `record_fields!`), which
    /// every loader fills.
    type Fields: serde::de::DeserializeOwned
        + crate::load::fields::Place
        + crate::load::csv::CsvRecord
        + Send
        + Sync
        + std::fmt::Debug;

    /// Another tool's spreadsheet template that a CSV data file of this
    /// kind may be in, told apart by its header row (events: TimelineJS's).
    const SHEET: Option<crate::load::csv::Sheet<Self::Fields>> = None;

    /// The record's key: its id, or an article's slug. Unique per kind.
    fn key(&self) -> &str;

    /// The text that mention linking searches, if the record has one.
    fn text(&self) -> Option<&RichText> {
        None
    }

    /// A second text searched for mentions on its own (a statement's
    /// quote: with `mention_links: first`, each quote is a text of its
    /// own). Its mentions follow those of [`Kind::text`] in the record's
    /// `Mentions`, their event indices counted on from the end of that
    /// text's events (see `link::Mentions::split`).
    fn quote(&self) -> Option<&RichText> {
        None
    }

    /// The record's corrections, newest first (content format 1.1,
    /// Corrections).
    fn corrections(&self) -> &[Correction] {
        &[]
    }

    /// A plain text whose mentions are counted (the record then refers to
    /// the actors it names) but never links: an event's title.
    fn counted_text(&self) -> Option<&str> {
        None
    }

    /// The record's tags as written (content format: `tags`), for the tag
    /// pages and the links to them. A kind without tags keeps the default.
    fn tags(&self) -> &[String] {
        &[]
    }

    /// The actor whose own text this is, if any: it does not link to the
    /// page it is on.
    fn own_actor(_ix: Ix<Self>) -> Option<Ix<Actor>> {
        None
    }

    /// What the record refers to, in the order its page lists them: the
    /// references it declares and, where its kind counts them, the actors
    /// `mentioned` in its text (in reading order, repeated as often as
    /// named). Linking inverts these into every backlink, in one pass.
    fn references(&self, _mentioned: &[Ix<Actor>], _out: &mut Vec<Ref>) {}

    /// The record's row in `data/<plural>.json`: its fields, and its links
    /// as keys (shape documented in `docs/data.md`).
    fn data_row(site: &Site, graph: &Graph, ix: Ix<Self>) -> serde_json::Value;
}

/// A kind read from data files, as a CSV data file writes it back: the CSV
/// exports (`data/<plural>.csv`) are made of these, so that reading an
/// export gives the same records (content format, "The built site").
pub trait Written: crate::model::Stored {
    /// The record at `ix` as the fields a loader would fill to give it
    /// again (spans empty; defaults written out).
    fn written(site: &Site, ix: Ix<Self>) -> Self::Fields;

    /// Every record, in content order (the exports' order).
    fn in_content_order(site: &Site) -> Vec<Ix<Self>> {
        Self::table(site).ixs().collect()
    }
}

/// The one list of record kinds, in the order the site counts and lists
/// them (`all`), and those of them read from data files (`data`; the
/// others come from files of their own, as articles do). `with_kinds!(m)`
/// calls macro `m` with the list, so that each stage derives its per-kind
/// storage from it.
#[macro_export]
macro_rules! with_kinds {
    ($m:ident) => {
        $m! {
            all { articles: Article, actors: Actor, events: Event, sources: Source, statements: Statement }
            data { actors: Actor, events: Event, sources: Source, statements: Statement }
        }
    };
}

macro_rules! kind_infos {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        /// Every kind's names, in list order.
        pub const KINDS: &[KindInfo] = &[$(<$t as Kind>::INFO,)*];

        /// The kinds whose records come from data files (`<plural>.yaml` or
        /// `<plural>/*.yaml`); the others (articles) from files of their own.
        pub const DATA_KINDS: &[KindInfo] = &[$(<$dt as Kind>::INFO,)*];

        /// A reference to a record of any kind: what a record's
        /// [`Kind::references`] lists, and what linking inverts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Ref {
            $($t(Ix<$t>),)*
        }

        impl Ref {
            /// The names of the kind referred to.
            pub fn info(self) -> KindInfo {
                match self {
                    $(Ref::$t(_) => <$t as Kind>::INFO,)*
                }
            }
        }

        $(
            impl Refer for $t {
                fn to(ix: Ix<Self>) -> Ref {
                    Ref::$t(ix)
                }
                fn of(r: Ref) -> Option<Ix<Self>> {
                    match r {
                        Ref::$t(ix) => Some(ix),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*
    };
}

/// Turns an index of this kind into a [`Ref`] and back (derived for every
/// kind of the list).
pub trait Refer: Sized {
    fn to(ix: Ix<Self>) -> Ref;
    fn of(r: Ref) -> Option<Ix<Self>>;
}
with_kinds!(kind_infos);

pub use actor::Actor;
pub use article::Article;
pub use event::Event;
pub use source::Source;
pub use statement::Statement;

/// A typed index: the position of a record of kind `T` in its [`Table`].
/// An `Ix<Actor>` cannot be used where an event is meant.
pub struct Ix<T>(u32, PhantomData<fn() -> T>);

impl<T> Ix<T> {
    /// The index of the `i`th record.
    pub fn new(i: usize) -> Self {
        Ix(
            u32::try_from(i).expect("fewer than 2^32 records of a kind"),
            PhantomData,
        )
    }

    /// The position in the table.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

impl<T> Clone for Ix<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Ix<T> {}
impl<T> PartialEq for Ix<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<T> Eq for Ix<T> {}
impl<T> PartialOrd for Ix<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Ix<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}
impl<T> std::hash::Hash for Ix<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}
impl<T> std::fmt::Debug for Ix<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The records of one kind, in display order, indexed by [`Ix`].
#[derive(Debug)]
pub struct Table<T>(Vec<T>);

impl<T> Table<T> {
    pub fn new(rows: Vec<T>) -> Self {
        Table(rows)
    }

    /// Every index, in order.
    pub fn ixs(&self) -> impl DoubleEndedIterator<Item = Ix<T>> + ExactSizeIterator + use<T> {
        (0..self.0.len()).map(Ix::new)
    }

    /// Every record with its index, in order.
    pub fn enumerate(&self) -> impl Iterator<Item = (Ix<T>, &T)> {
        self.0.iter().enumerate().map(|(i, r)| (Ix::new(i), r))
    }

    /// A list with one `V` per record, indexed by the same [`Ix`].
    pub fn each<V>(&self, f: impl FnMut(Ix<T>) -> V) -> PerRecord<T, V> {
        PerRecord(self.ixs().map(f).collect(), PhantomData)
    }
}

impl<T> std::ops::Deref for Table<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> std::ops::Index<Ix<T>> for Table<T> {
    type Output = T;
    fn index(&self, i: Ix<T>) -> &T {
        &self.0[i.get()]
    }
}

/// One value per record of kind `T` (what linking computed for each),
/// indexed by the record's [`Ix`].
#[derive(Debug)]
pub struct PerRecord<T, V>(Vec<V>, PhantomData<fn() -> T>);

impl<T, V> PerRecord<T, V> {
    pub fn from_vec(v: Vec<V>) -> Self {
        PerRecord(v, PhantomData)
    }
}

impl<T, V> Default for PerRecord<T, V> {
    fn default() -> Self {
        PerRecord(Vec::new(), PhantomData)
    }
}

impl<T, V> std::ops::Deref for PerRecord<T, V> {
    type Target = [V];
    fn deref(&self) -> &[V] {
        &self.0
    }
}

impl<T, V> std::ops::Index<Ix<T>> for PerRecord<T, V> {
    type Output = V;
    fn index(&self, i: Ix<T>) -> &V {
        &self.0[i.get()]
    }
}

impl<T, V> std::ops::IndexMut<Ix<T>> for PerRecord<T, V> {
    fn index_mut(&mut self, i: Ix<T>) -> &mut V {
        &mut self.0[i.get()]
    }
}
