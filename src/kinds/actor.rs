//! Actors: the people and organisations of an investigation. Content
//! format: "Actors". Their names and aliases are what mention linking
//! finds in every text; relations link actors to each other.

use super::{Ix, Kind, KindInfo};
use crate::load::fields::{Field, Text};
use crate::model::RichText;
use crate::model::validate::{Ctx, Unique, text};
use serde::Serialize;
use std::collections::HashMap;

crate::record_fields!(
    /// An actor as written in `actors.yaml` or `actors/*.yaml`.
    ActorFields {
        id: Text,
        name: Text,
        kind: Text,
        role: Text,
        aliases: Vec<Text>,
        country: Text,
        summary: Text,
        links: Vec<Field<LinkFields>>,
        relations: Vec<Field<RelationFields>>,
    }
);

crate::record_fields!(
    /// An entry of an actor's `links`.
    LinkFields {
        url: Text,
        label: Text
    }
);

crate::record_fields!(
    /// An entry of an actor's `relations`.
    RelationFields {
        actor: Text,
        label: Text
    }
);

crate::choices!(
    /// What an actor is; groups the actors index.
    ActorKind {
        Person = "person" / "People" / "Person",
        Organization = "organization" / "Organizations" / "Organization",
        Government = "government" / "Governments" / "Government",
        Company = "company" / "Companies" / "Company",
        Media = "media" / "Media" / "Media",
        Ngo = "ngo" / "NGOs" / "NGO",
        Other = "other" / "Others" / "Other",
    }
);

/// A link to another site about an actor.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    pub url: String,
    pub label: String,
}

/// "`label` `actor`", as seen from the actor that declares it.
#[derive(Debug, Clone)]
pub struct Relation {
    pub actor: Ix<Actor>,
    pub label: String,
}

/// A validated actor.
#[derive(Debug)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    /// Other names a text may use; each belongs to this actor alone.
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub summary: Option<RichText>,
    pub links: Vec<ExternalLink>,
    pub relations: Vec<Relation>,
}

impl Kind for Actor {
    type Fields = ActorFields;

    const INFO: KindInfo = KindInfo {
        name: "actor",
        plural: "actors",
        one: "an actor",
        data_file: true,
    };

    fn key(&self) -> &str {
        &self.id
    }

    fn text(&self) -> Option<&RichText> {
        self.summary.as_ref()
    }

    fn own_actor(ix: Ix<Self>) -> Option<Ix<Actor>> {
        Some(ix)
    }
}

impl Actor {
    /// The name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Validates every actor in content order, then resolves relations
    /// (which may name an actor defined later). A name or alias shared by
    /// two actors is refused: a mention of it could not be linked honestly.
    pub(crate) fn build_all(ctx: &mut Ctx<'_>) -> Vec<Actor> {
        let loaded = ctx.loaded;
        let mut out = Vec::new();
        let mut relations = Vec::new();
        let mut seen = Unique::default();
        // Every name and alias, to refuse one shared by two actors.
        let mut names: HashMap<String, (usize, String)> = HashMap::new();
        for record in &loaded.actors {
            let (r, at) = (&record.value, record.span);
            ctx.unknown_fields(&r.unknown, ActorFields::FIELDS, Self::INFO.one);
            let id = ctx.required(at, r.id.as_ref(), "id", Self::INFO.one);
            let name = ctx.required(at, r.name.as_ref(), "name", Self::INFO.one);
            let kind = r
                .kind
                .as_ref()
                .map(|k| ctx.enum_value(k, ActorKind::parse, ActorKind::NAMES, "actor kind"));
            let summary = r.summary.as_ref().map(|d| ctx.markdown_field(d));
            let mut links = Vec::new();
            for l in r.links.iter().flatten() {
                ctx.unknown_fields(&l.value.unknown, LinkFields::FIELDS, "a link");
                let Some(url) = ctx.required(l.span, l.value.url.as_ref(), "url", "a link") else {
                    continue;
                };
                if let Some(u) = ctx.url(url) {
                    let label = text(&l.value.label).unwrap_or_else(|| u.clone());
                    links.push(ExternalLink { url: u, label });
                }
            }
            for rel in r.relations.iter().flatten() {
                ctx.unknown_fields(&rel.value.unknown, RelationFields::FIELDS, "a relation");
            }
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            if !ctx.id(id, "actor id") || !seen.check(ctx, id, Self::INFO.name) {
                continue;
            }
            let index = out.len();
            let mut aliases = Vec::new();
            for n in std::iter::once(name).chain(r.aliases.iter().flatten()) {
                let key = crate::link::name_key(&n.value);
                if key.is_empty() {
                    ctx.err(n.span, "an empty alias can not be matched");
                    continue;
                }
                match names.get(&key) {
                    Some((other, _)) if *other == index => {}
                    Some((_, at)) => {
                        let at = at.clone();
                        ctx.err(n.span, format!("the name `{}` already belongs to another actor (at {at}); a mention of it could not be linked honestly", n.value.trim()))
                            .hint = Some("give each actor its own names, or merge the two records".into());
                    }
                    None => {
                        names.insert(key, (index, loaded.place(n.span)));
                    }
                }
                if !std::ptr::eq(n, name) {
                    aliases.push(n.value.trim().to_owned());
                }
            }
            if let Some(rels) = &r.relations {
                relations.push((index, rels));
            }
            out.push(Actor {
                id: id.value.clone(),
                name: name.value.trim().to_owned(),
                kind: kind.flatten().unwrap_or(ActorKind::Other),
                role: text(&r.role),
                aliases,
                country: text(&r.country),
                summary,
                links,
                relations: Vec::new(),
            });
        }
        let index: HashMap<String, Ix<Actor>> = out
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), Ix::new(i)))
            .collect();
        for (actor, rels) in relations {
            for rel in rels {
                let r = &rel.value;
                let Some(target) = ctx.required(rel.span, r.actor.as_ref(), "actor", "a relation")
                else {
                    continue;
                };
                let label = text(&r.label).unwrap_or_else(|| "related to".to_owned());
                match index.get(target.value.as_str()) {
                    Some(&other) => out[actor].relations.push(Relation {
                        actor: other,
                        label,
                    }),
                    None => {
                        let hint = crate::diag::did_you_mean(
                            &target.value,
                            index.keys().map(String::as_str),
                        );
                        ctx.err(
                            target.span,
                            format!("unknown actor `{}` in a relation", target.value),
                        )
                        .hint = hint;
                    }
                }
            }
        }
        out
    }
}
