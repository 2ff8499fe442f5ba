//! The validated investigation: the only types that the stages after
//! loading see. Every reference between records is resolved to an index;
//! records are in display order (articles newest first, events by date).
//! A `Site` is built once by [`build`] and is read-only after.

pub mod date;
pub mod slug;
pub mod text;
pub mod validate;

pub use date::{Date, When};
pub use text::Keep;
pub use text::RichText;
pub use validate::{build, build_keeping, theme_name};

use serde::Serialize;

/// Index types: positions in the `Site` vectors.
pub type ActorIx = usize;
pub type EventIx = usize;
pub type SourceIx = usize;
pub type ArticleIx = usize;

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Newest first; ties in content order.
    pub articles: Vec<Article>,
    /// Content order.
    pub actors: Vec<Actor>,
    /// Date order; ties in content order.
    pub events: Vec<Event>,
    /// Content order.
    pub sources: Vec<Source>,
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
}

macro_rules! kinds {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal / $plural:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
        }
    };
}

kinds!(
    /// What an actor is; groups the actors index.
    ActorKind {
        Person = "person" / "People",
        Organization = "organization" / "Organizations",
        Government = "government" / "Governments",
        Company = "company" / "Companies",
        Media = "media" / "Media",
        Ngo = "ngo" / "NGOs",
        Other = "other" / "Others",
    }
);

kinds!(
    /// What a source is; groups the source index.
    SourceKind {
        Outlet = "outlet" / "News outlets",
        Wire = "wire" / "Wire services",
        Broadcaster = "broadcaster" / "Broadcasters",
        Ngo = "ngo" / "NGOs",
        Government = "government" / "Governments",
        Company = "company" / "Companies",
        Document = "document" / "Documents",
        Interview = "interview" / "Interviews",
        Other = "other" / "Other sources",
    }
);

kinds!(
    /// How firmly an event is established.
    Status {
        Confirmed = "confirmed" / "Confirmed",
        Reported = "reported" / "Reported",
        Alleged = "alleged" / "Alleged",
        Disputed = "disputed" / "Disputed",
        Denied = "denied" / "Denied",
    }
);

#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    pub url: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Relation {
    pub actor: ActorIx,
    pub label: String,
}

#[derive(Debug)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub summary: Option<RichText>,
    pub links: Vec<ExternalLink>,
    pub relations: Vec<Relation>,
}

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub when: When,
    pub title: String,
    pub summary: Option<RichText>,
    pub actors: Vec<ActorIx>,
    pub sources: Vec<SourceIx>,
    pub articles: Vec<ArticleIx>,
    pub status: Status,
    pub place: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub description: Option<RichText>,
    pub archive_url: Option<String>,
}

/// One name of a credit line, resolved to a source where one matches.
#[derive(Debug, Clone)]
pub struct CreditName {
    pub text: String,
    pub source: Option<SourceIx>,
}

#[derive(Debug, Clone)]
pub struct Credit {
    /// "Source" or "Sources", as written.
    pub label: String,
    pub names: Vec<CreditName>,
}

#[derive(Debug)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub kicker: Option<String>,
    /// The front matter's sources, then those resolved from the credit line.
    pub sources: Vec<SourceIx>,
    /// Actors named in the metadata (linked even when not in the text).
    pub actors: Vec<ActorIx>,
    pub summary: String,
    pub tags: Vec<String>,
    pub draft: bool,
    pub body: RichText,
    pub credit: Option<Credit>,
    /// The file it came from, relative to the root (for the preview server).
    pub path: String,
}

impl Site {
    /// Every name and alias of every actor, for the mention matcher.
    pub fn actor_names(&self) -> impl Iterator<Item = (ActorIx, &str)> {
        self.actors.iter().enumerate().flat_map(|(i, a)| {
            std::iter::once((i, a.name.as_str()))
                .chain(a.aliases.iter().map(move |n| (i, n.as_str())))
        })
    }
}
