//! Actors' connections as pictures (content format 1.1, "Pictures"): on
//! each actor's page, the actor with its relations both ways and the
//! actors it shares the most events with; on the actors index, the
//! network of the most connected actors. Inline SVG drawn at build time,
//! no script; every node a link to the actor's page; the same facts are
//! also given as text on the page.
//!
//! Layouts are our own and made for these two shapes (see
//! `docs/decisions.md`, "Pictures"): an actor's connections fan out in two
//! columns, those pointing at the actor on the left, those it points at on
//! the right, so the labels read left to right; the network is a circle
//! ordered so that connected actors sit together. Both are fixed
//! arithmetic on integers (the circle through `libm`, the same on every
//! platform), in content order, so the bytes are the same on every build.

use super::pages::{Env, initials, tone};
use super::svg::{Svg, fit, on_circle, towards, wrap};
use crate::diag::{grouped, plural};
use crate::kinds::{Actor, Event};
use crate::link::Direction;
use crate::model::{ActorIx, EventIx};
use crate::url;
use std::collections::BTreeMap;

/// At most this many actors sharing events are drawn (content format 1.1:
/// "the up to 12 actors it shares the most events with").
pub(crate) const MAX_SHARED: usize = 12;
/// At most this many actors on each side of an actor's diagram, so that
/// the page stays small; the list beside it names every one.
const MAX_PER_SIDE: usize = 10;
/// Actors in the network on the actors index.
const NETWORK_SIZE: usize = 16;
/// Lines for shared events in the network, at most (the strongest).
const NETWORK_SHARED_EDGES: usize = 24;

/// The actors that share events with `actor`, each with how many, the
/// most first (ties in content order), at most [`MAX_SHARED`].
pub(crate) fn shared_events(env: &Env, actor: ActorIx) -> Vec<(ActorIx, usize)> {
    let graph = env.graph;
    let mut counts: BTreeMap<ActorIx, usize> = BTreeMap::new();
    let mut seen: Vec<ActorIx> = Vec::new();
    for e in graph.cited_by::<Actor, Event>(actor) {
        seen.clear();
        for other in graph.refs::<Event, Actor>(e) {
            if other != actor && !seen.contains(&other) {
                seen.push(other);
                *counts.entry(other).or_default() += 1;
            }
        }
    }
    let mut shared: Vec<(ActorIx, usize)> = counts.into_iter().collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    shared.truncate(MAX_SHARED);
    shared
}

/// One actor drawn beside the actor of the page.
struct Neighbour {
    actor: ActorIx,
    /// Its relations with the actor of the page, in the page's order.
    relations: Vec<(String, Direction)>,
    /// Events it shares with the actor of the page.
    shared: usize,
}

impl Neighbour {
    fn has(&self, d: Direction) -> bool {
        self.relations.iter().any(|(_, dir)| *dir == d)
    }

    /// What the node says under the name: the relations' labels and the
    /// shared events.
    fn note(&self) -> String {
        let mut parts: Vec<String> = self.relations.iter().map(|(l, _)| l.clone()).collect();
        if self.shared > 0 {
            parts.push(plural(self.shared, "shared event"));
        }
        parts.join("; ")
    }
}

// The actor diagram's frame, in user units: it is drawn for a phone's
// width (360) and grows no wider than the theme lets it. The pills leave
// 84 units between the columns for the actor's own name, in lines of
// [`SELF_NAME_WIDTH`] characters (13 px bold: about 6.8 units each); a
// pill holds a name and two lines of note.
const W: i32 = 360;
const PILL_W: i32 = 136;
const PILL_H: i32 = 54;
const PITCH: i32 = 62;
/// Characters on a line of the actor's own name under its circle.
const SELF_NAME_WIDTH: usize = 11;
const LEFT_X: i32 = 2;
const RIGHT_X: i32 = W - 2 - PILL_W;
const CENTRE_R: i32 = 26;

/// The picture of `actor`'s connections (relations both ways and the
/// actors in `shared`), its links relative to `root`; none when the actor
/// has no connection.
pub(crate) fn actor_diagram(
    env: &Env,
    actor: ActorIx,
    root: &str,
    shared: &[(ActorIx, usize)],
) -> Option<String> {
    let site = env.site;
    let mut neighbours: Vec<Neighbour> = Vec::new();
    for r in &env.graph.actors[actor].relations {
        match neighbours.iter_mut().find(|n| n.actor == r.other) {
            Some(n) => n.relations.push((r.label.clone(), r.direction)),
            None => neighbours.push(Neighbour {
                actor: r.other,
                relations: vec![(r.label.clone(), r.direction)],
                shared: 0,
            }),
        }
    }
    for &(other, count) in shared {
        match neighbours.iter_mut().find(|n| n.actor == other) {
            Some(n) => n.shared = count,
            None => neighbours.push(Neighbour {
                actor: other,
                relations: Vec::new(),
                shared: count,
            }),
        }
    }
    if neighbours.is_empty() {
        return None;
    }
    // Left: those pointing at the actor; right: those it points at; those
    // with shared events only fill the shorter side.
    let (mut left, mut right): (Vec<&Neighbour>, Vec<&Neighbour>) = (Vec::new(), Vec::new());
    for n in &neighbours {
        let side = match n.relations.first().map(|(_, d)| *d) {
            Some(Direction::Incoming) => &mut left,
            Some(Direction::Outgoing) => &mut right,
            None if left.len() <= right.len() => &mut left,
            None => &mut right,
        };
        if side.len() < MAX_PER_SIDE {
            side.push(n);
        }
    }
    let drawn = left.len() + right.len();
    let rows = left.len().max(right.len()) as i32;
    let h = (rows * PITCH + 16).max(156);
    let centre = (W / 2, h / 2 - 10);

    let a = &site.actors[actor];
    let title = format!("Connections of {}", a.name);
    let mut desc = format!(
        "{} in the middle; on the left the actors with a relation to {}, on the right those {} has a relation to; dashed lines join actors that share events.",
        a.name, a.name, a.name
    );
    if drawn < neighbours.len() {
        desc.push_str(&format!(
            " {} of {} connections are drawn; the list names every one.",
            grouped(drawn),
            grouped(neighbours.len())
        ));
    }
    let mut svg = Svg::new("diagram diagram-actor", "cx", W, h, &title, &desc);
    svg.raw(ARROWS_CX);
    for (side, x) in [(&left, LEFT_X), (&right, RIGHT_X)] {
        let n = side.len() as i32;
        let top = (h - n * PITCH) / 2 + (PITCH - PILL_H) / 2;
        for (k, nb) in side.iter().enumerate() {
            let y = top + k as i32 * PITCH;
            let inner_x = if x == LEFT_X { x + PILL_W } else { x };
            let anchor = (inner_x, y + PILL_H / 2);
            edge(&mut svg, centre, anchor, nb, x == LEFT_X);
            node(&mut svg, env, root, nb, (x, y));
        }
    }
    // The actor itself, last, over the lines' ends.
    svg.link(&url::actor(root, &a.id), &a.name, "dg-node dg-self");
    svg.circle(&format!("dg-centre tone-{}", tone(&a.id)), centre, CENTRE_R);
    svg.text(
        "dg-initials",
        (centre.0, centre.1 + 6),
        "middle",
        &initials(&a.name),
    );
    for (k, line) in wrap(&a.name, SELF_NAME_WIDTH, 2).iter().enumerate() {
        svg.text(
            "dg-name dg-self-name",
            (centre.0, centre.1 + CENTRE_R + 16 + 14 * k as i32),
            "middle",
            line,
        );
    }
    svg.end_link();
    Some(svg.finish())
}

/// Arrowheads for the actor diagram: one for a line's end, one for its start.
const ARROWS_CX: &str = "<defs><marker id=\"cx_end\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\"><path class=\"dg-arrow\" d=\"M0 0L10 5L0 10z\"/></marker><marker id=\"cx_start\" viewBox=\"0 0 10 10\" refX=\"1\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\"><path class=\"dg-arrow\" d=\"M10 0L0 5L10 10z\"/></marker></defs>";
const ARROWS_NW: &str = "<defs><marker id=\"nw_end\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\"><path class=\"dg-arrow\" d=\"M0 0L10 5L0 10z\"/></marker></defs>";

/// The line between the actor of the page and a neighbour whose node's
/// inner edge is at `anchor`: arrowed for relations (pointing the way they
/// go), dashed for shared events only, thicker for more of them.
fn edge(svg: &mut Svg, centre: (i32, i32), anchor: (i32, i32), nb: &Neighbour, on_left: bool) {
    let near = towards(centre, anchor, CENTRE_R + 2);
    let (incoming, outgoing) = (nb.has(Direction::Incoming), nb.has(Direction::Outgoing));
    let weight = match nb.shared {
        0 | 1 => 1,
        2 | 3 => 2,
        _ => 3,
    };
    if !incoming && !outgoing {
        svg.line(&format!("dg-edge dg-shared dg-w{weight}"), near, anchor);
        return;
    }
    // Drawn from the left to the right, so that "start" and "end" are
    // the same on both sides.
    let (from, to) = if on_left {
        (anchor, near)
    } else {
        (near, anchor)
    };
    let points_right = if on_left { incoming } else { outgoing };
    let points_left = if on_left { outgoing } else { incoming };
    let mut markers = String::new();
    if points_right {
        markers.push_str(" marker-end=\"url(#cx_end)\"");
    }
    if points_left {
        markers.push_str(" marker-start=\"url(#cx_start)\"");
    }
    svg.raw(&format!(
        "<line class=\"dg-edge dg-relation dg-w{weight}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{markers}/>",
        from.0, from.1, to.0, to.1
    ));
}

/// A neighbour's node: its name and what joins it to the actor of the
/// page, in a box that links to its page.
fn node(svg: &mut Svg, env: &Env, root: &str, nb: &Neighbour, (x, y): (i32, i32)) {
    let other = &env.site.actors[nb.actor];
    let note = nb.note();
    svg.link(
        &url::actor(root, &other.id),
        &format!("{} ({note})", other.name),
        "dg-node",
    );
    svg.rect("dg-pill", x, y, PILL_W, PILL_H, 6);
    svg.rect(
        &format!("dg-tone tone-{}", tone(&other.id)),
        x,
        y,
        6,
        PILL_H,
        3,
    );
    svg.text("dg-name", (x + 13, y + 19), "start", &fit(&other.name, 18));
    for (k, line) in wrap(&note, 23, 2).iter().enumerate() {
        svg.text("dg-note", (x + 13, y + 34 + 12 * k as i32), "start", line);
    }
    svg.end_link();
}

/// An actor of the network, with the actors it is drawn joined to.
pub(crate) struct NetworkNode {
    pub actor: ActorIx,
    /// How many other actors it is connected with in the whole
    /// investigation (relations either way, shared events).
    pub degree: usize,
    /// Its neighbours in the picture, in content order.
    pub joined: Vec<ActorIx>,
}

/// The network of the most connected actors on the actors index (links
/// relative to `root`) and its nodes, most connected first; none when
/// fewer than two actors are connected.
pub(crate) fn network(env: &Env, root: &str) -> Option<(String, Vec<NetworkNode>)> {
    let (site, graph) = (env.site, env.graph);
    // Pairs of actors sharing events, each pair once (lower index first).
    let mut pairs: BTreeMap<(ActorIx, ActorIx), usize> = BTreeMap::new();
    let mut actors: Vec<ActorIx> = Vec::new();
    for e in site.events.ixs() {
        let e: EventIx = e;
        actors.clear();
        actors.extend(graph.refs::<Event, Actor>(e));
        actors.sort();
        actors.dedup();
        for (k, &a) in actors.iter().enumerate() {
            for &b in &actors[k + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut neighbours: Vec<Vec<ActorIx>> = vec![Vec::new(); site.actors.len()];
    let mut join = |a: ActorIx, b: ActorIx| {
        if !neighbours[a.get()].contains(&b) {
            neighbours[a.get()].push(b);
        }
    };
    for a in site.actors.ixs() {
        for r in &graph.actors[a].relations {
            join(a, r.other);
        }
    }
    for &(a, b) in pairs.keys() {
        join(a, b);
        join(b, a);
    }
    let mut chosen: Vec<ActorIx> = site
        .actors
        .ixs()
        .filter(|a| !neighbours[a.get()].is_empty())
        .collect();
    chosen.sort_by(|&a, &b| {
        neighbours[b.get()]
            .len()
            .cmp(&neighbours[a.get()].len())
            .then(graph.weight(b).cmp(&graph.weight(a)))
            .then(a.cmp(&b))
    });
    chosen.truncate(NETWORK_SIZE);
    if chosen.len() < 2 {
        return None;
    }
    let is_chosen = |a: ActorIx| chosen.contains(&a);
    // Lines: every relation between two drawn actors, and the pairs
    // sharing the most events.
    let mut relations: Vec<(ActorIx, ActorIx)> = Vec::new();
    for &a in &chosen {
        for r in &graph.actors[a].relations {
            if r.direction == Direction::Outgoing
                && is_chosen(r.other)
                && !relations.contains(&(a, r.other))
            {
                relations.push((a, r.other));
            }
        }
    }
    relations.sort();
    let mut shared: Vec<((ActorIx, ActorIx), usize)> = pairs
        .iter()
        .filter(|((a, b), _)| is_chosen(*a) && is_chosen(*b))
        .map(|(&p, &n)| (p, n))
        .collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    shared.truncate(NETWORK_SHARED_EDGES);
    let related =
        |a: ActorIx, b: ActorIx| relations.contains(&(a, b)) || relations.contains(&(b, a));
    let mut lines: Vec<(ActorIx, ActorIx)> = relations.clone();
    lines.extend(
        shared
            .iter()
            .map(|(p, _)| *p)
            .filter(|&(a, b)| !related(a, b)),
    );
    let joined_in_picture = |a: ActorIx| -> Vec<ActorIx> {
        let mut j: Vec<ActorIx> = lines
            .iter()
            .filter_map(|&(x, y)| {
                if x == a {
                    Some(y)
                } else if y == a {
                    Some(x)
                } else {
                    None
                }
            })
            .collect();
        j.sort();
        j.dedup();
        j
    };

    // Order round the circle: start with the most connected, then always
    // the actor with the most lines to those already placed (ties: more
    // connected first, then content order), so neighbours sit together.
    let mut order: Vec<ActorIx> = vec![chosen[0]];
    let mut left: Vec<ActorIx> = chosen[1..].to_vec();
    while !left.is_empty() {
        let score = |c: ActorIx| {
            order
                .iter()
                .filter(|&&o| lines.contains(&(c, o)) || lines.contains(&(o, c)))
                .count()
        };
        let best = (0..left.len())
            .max_by(|&i, &j| score(left[i]).cmp(&score(left[j])).then(j.cmp(&i)))
            .unwrap_or(0);
        order.push(left.remove(best));
    }

    let n = order.len() as i32;
    let (w, h) = (640, 520);
    let centre = (w / 2, h / 2);
    let (radius, node_r) = (180, 15);
    let place = |a: ActorIx| -> (i32, i32) {
        let k = order.iter().position(|&o| o == a).unwrap_or(0) as i32;
        on_circle(centre, radius, k * 1000 / n)
    };
    let title = "The most connected actors";
    let desc = format!(
        "The {} actors connected with the most others, round a circle; arrows are relations, dashed lines join actors that share events, thicker for more.",
        order.len()
    );
    let mut svg = Svg::new("diagram diagram-network", "nw", w, h, title, &desc);
    svg.raw(ARROWS_NW);
    for &(a, b) in &relations {
        let (pa, pb) = (place(a), place(b));
        let (from, to) = (towards(pa, pb, node_r + 2), towards(pb, pa, node_r + 3));
        svg.raw(&format!(
            "<line class=\"dg-edge dg-relation dg-w1\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" marker-end=\"url(#nw_end)\"/>",
            from.0, from.1, to.0, to.1
        ));
    }
    for &((a, b), count) in &shared {
        if related(a, b) {
            continue;
        }
        let (pa, pb) = (place(a), place(b));
        let weight = match count {
            0 | 1 => 1,
            2 | 3 => 2,
            _ => 3,
        };
        svg.line(
            &format!("dg-edge dg-shared dg-w{weight}"),
            towards(pa, pb, node_r + 2),
            towards(pb, pa, node_r + 2),
        );
    }
    for (k, &a) in order.iter().enumerate() {
        let actor = &site.actors[a];
        let p = place(a);
        let angle = k as i32 * 1000 / n;
        let (lx, ly) = on_circle(centre, radius + node_r + 8, angle);
        let anchor = match angle {
            40..=460 => "start",
            540..=960 => "end",
            _ => "middle",
        };
        // Below the circle the label hangs under its point, above it sits on it.
        let ly = if (250..=750).contains(&angle) {
            ly + 12
        } else {
            ly + 4
        };
        let degree = neighbours[a.get()].len();
        svg.link(
            &url::actor(root, &actor.id),
            &format!("{} ({})", actor.name, plural(degree, "connection")),
            "dg-node",
        );
        svg.circle(&format!("dg-dot tone-{}", tone(&actor.id)), p, node_r);
        svg.text(
            "dg-initials dg-small",
            (p.0, p.1 + 4),
            "middle",
            &initials(&actor.name),
        );
        svg.text("dg-name", (lx, ly), anchor, &fit(&actor.name, 18));
        svg.end_link();
    }
    let nodes = chosen
        .iter()
        .map(|&a| NetworkNode {
            actor: a,
            degree: neighbours[a.get()].len(),
            joined: joined_in_picture(a),
        })
        .collect();
    Some((svg.finish(), nodes))
}
