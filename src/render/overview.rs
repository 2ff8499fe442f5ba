//! The timeline's overview (content format 1.1, "The built site",
//! `timeline/`): the whole period as an SVG strip above the list of events.
//! Bars give the number of events of each year (or run of years) and link
//! to it; under the axis, events are marks linking to themselves: a dot
//! for a month or a day, a bar for a range or a year; approximate dates are
//! hollow and dashed. Marks closer together than a finger's width are one
//! mark, linking to the first of them, so every link stays a target that
//! can be hit (WCAG 2.2, 2.5.8) and the strip stays small at any number of
//! events.
//!
//! Coordinates are integer arithmetic on a calendar of 12 months of 31
//! days (a day's place within its year is all a strip of this size shows),
//! so the bytes are the same on every build.

use super::pages::Env;
use super::svg::{Svg, fit};
use crate::diag::plural;
use crate::kinds::Ix;
use crate::model::{Date, When};
use crate::url;

/// Days in the strip's year: 12 months of 31.
const YEAR: i64 = 12 * 31;
/// The strip's width in user units; on a narrow screen it scrolls sideways
/// rather than shrink its text.
const W: i32 = 720;
const PAD: i32 = 16;
/// The smallest distance between two links, in user units (and CSS pixels,
/// as the strip is never drawn smaller): WCAG 2.2's target size.
const TARGET: i32 = 24;
const BARS_TOP: i32 = 8;
const BARS_H: i32 = 48;
const AXIS_Y: i32 = BARS_TOP + BARS_H + 4;
const FIRST_LANE: i32 = AXIS_Y + 38;
const LANE_PITCH: i32 = 26;
/// Lanes for ranges under the lane of single dates.
const RANGE_LANES: usize = 3;

/// The first day of `d`'s period, in days of the strip's calendar.
fn start(d: &Date) -> i64 {
    i64::from(d.year) * YEAR
        + d.month.map_or(0, |m| i64::from(m - 1) * 31)
        + d.day.map_or(0, |day| i64::from(day - 1))
}

/// The day after the last of `d`'s period.
fn end(d: &Date) -> i64 {
    match (d.month, d.day) {
        (Some(_), Some(_)) => start(d) + 1,
        (Some(m), None) => i64::from(d.year) * YEAR + i64::from(m) * 31,
        _ => i64::from(d.year + 1) * YEAR,
    }
}

/// An event's span: from its start to the end of its end date (or of its
/// own date), and whether it is a range.
fn span(w: &When) -> (i64, i64, bool) {
    let last = w.end.as_ref().unwrap_or(&w.start);
    (
        start(&w.start),
        end(last).max(start(&w.start) + 1),
        w.end.is_some(),
    )
}

/// One mark under the axis: one event or several close together.
struct Mark {
    x0: i32,
    x1: i32,
    /// The events it stands for, in date order (indices into the site's).
    events: Vec<usize>,
    ranged: bool,
    approximate: bool,
}

/// The overview of the events of `env`'s site, its links relative to
/// `root` (the timeline's page); none without events.
pub(crate) fn overview(env: &Env, root: &str) -> Option<String> {
    let events = &env.site.events;
    if events.is_empty() {
        return None;
    }
    // On a timeline split by year, the bars lead to the years' pages.
    let split = events.iter().any(|e| e.page != crate::url::Part::Whole);
    let spans: Vec<(i64, i64, bool)> = events.iter().map(|e| span(&e.when)).collect();
    let first_year = events.iter().map(|e| e.when.start.year).min()?;
    let last_year = spans
        .iter()
        .map(|&(_, e, _)| ((e - 1) / YEAR) as u16)
        .max()?
        .max(first_year);
    let years = i64::from(last_year - first_year + 1);
    let plot = i64::from(W - 2 * PAD);
    let origin = i64::from(first_year) * YEAR;
    let x = |t: i64| PAD + ((t - origin) * plot / (years * YEAR)) as i32;
    let year_w = plot / years;
    let step = |min: i64| {
        [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|s| s * year_w >= min)
            .unwrap_or(1000)
    };
    // Years per bar, so that each bar is wide enough to hit; years per label.
    let bar_years = step(i64::from(TARGET));
    let label_years = step(44);

    let n = events.len();
    let desc = format!(
        "{} from {first_year} to {last_year}. Bars show how many events each {} has and lead to {}; under the years, each event, or run of events close together, is a mark that leads to it: dots for a month or a day, bars for a range; hollow, dashed marks are approximate dates.",
        plural(n, "event"),
        if bar_years == 1 {
            "year".to_owned()
        } else {
            format!("{bar_years} years")
        },
        if bar_years == 1 {
            "that year"
        } else {
            "their first year with events"
        },
    );
    let mut marks: Vec<Mark> = Vec::new();
    // Ranges wide enough to hit get lanes of their own, first fit; the
    // rest are dots at their start.
    let mut lanes: Vec<Vec<Mark>> = (0..RANGE_LANES).map(|_| Vec::new()).collect();
    let mut dots: Vec<Mark> = Vec::new();
    for (i, (e, &(s, t, ranged))) in events.iter().zip(&spans).enumerate() {
        let (x0, x1) = (x(s), x(t));
        let approximate = e.when.approximate;
        let mark = Mark {
            x0,
            x1,
            events: vec![i],
            ranged,
            approximate,
        };
        if ranged
            && x1 - x0 >= TARGET
            && let Some(lane) = lanes
                .iter_mut()
                .find(|l| l.last().is_none_or(|m| m.x1 + TARGET / 2 <= x0))
        {
            lane.push(mark);
            continue;
        }
        // A dot for a date known to the month or the year sits in the
        // middle of it; a range that found no lane, at its start.
        let at = if ranged { x0 } else { (x0 + x1) / 2 };
        dots.push(Mark {
            x0: at,
            x1: at,
            ranged: false,
            ..mark
        });
    }
    dots.sort_by_key(|m| m.x0);
    for m in dots {
        match marks.last_mut() {
            Some(last) if m.x0 - last.x0 < TARGET => {
                last.events.extend(m.events);
                last.approximate &= m.approximate;
            }
            _ => marks.push(m),
        }
    }
    let lanes_used = lanes.iter().filter(|l| !l.is_empty()).count() as i32;
    let h = FIRST_LANE + lanes_used * LANE_PITCH + 16;

    let mut svg = Svg::new(
        "diagram diagram-overview",
        "ov",
        W,
        h,
        "The period at a glance",
        &desc,
    );
    // Bars: events per run of `bar_years` years, by the year they start.
    let mut counts: Vec<(u16, usize, Option<u16>)> = Vec::new();
    let base = first_year - first_year % bar_years as u16;
    let mut y = base;
    while y <= last_year {
        let to = y + bar_years as u16;
        let in_run: Vec<u16> = events
            .iter()
            .map(|e| e.when.start.year)
            .filter(|&ey| ey >= y && ey < to)
            .collect();
        counts.push((y, in_run.len(), in_run.iter().min().copied()));
        y = to;
    }
    let most = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    for &(y, count, first) in &counts {
        let Some(first) = first else { continue };
        let x0 = x(i64::from(y.max(first_year)) * YEAR).max(PAD);
        let x1 = x(i64::from(y + bar_years as u16) * YEAR).min(W - PAD);
        let bh = (count * BARS_H as usize / most).max(3) as i32;
        let name = if bar_years == 1 {
            format!("{y}: {}", plural(count, "event"))
        } else {
            format!(
                "{y}–{}: {}",
                y + bar_years as u16 - 1,
                plural(count, "event")
            )
        };
        svg.link(&url::timeline_year(root, first, split), &name, "ov-link");
        svg.rect("ov-hit", x0, BARS_TOP, x1 - x0, BARS_H, 0);
        svg.rect(
            "ov-bar",
            x0 + 1,
            BARS_TOP + BARS_H - bh,
            (x1 - x0 - 2).max(1),
            bh,
            0,
        );
        svg.end_link();
    }
    // The axis: a tick at each year (every `tick_years` years, when years
    // are too narrow: 9,999 years made 10,001 ticks and a page over the
    // budget), a label every `label_years`.
    // From the exact width of a year: `year_w`, whole pixels, is 0 past
    // about 1,000 years, where `step` gives its largest.
    let tick_years = [1u16, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|&s| i64::from(s) * plot >= 4 * years)
        .unwrap_or(1000);
    svg.line("ov-axis", (PAD, AXIS_Y), (W - PAD, AXIS_Y));
    let ticked = |y: &u16| y.is_multiple_of(tick_years) || y.is_multiple_of(label_years as u16);
    for y in (first_year..=last_year + 1).filter(ticked) {
        let tx = x(i64::from(y) * YEAR);
        let major = y % label_years as u16 == 0 || label_years == 1;
        svg.line(
            if major { "ov-tick ov-major" } else { "ov-tick" },
            (tx, AXIS_Y),
            (tx, AXIS_Y + if major { 7 } else { 4 }),
        );
        if major && y <= last_year {
            let label_x = if label_years == 1 {
                tx + (year_w / 2) as i32
            } else {
                tx
            };
            svg.text("ov-year", (label_x, AXIS_Y + 20), "middle", &y.to_string());
        }
    }
    let lane_y = |k: usize| FIRST_LANE + k as i32 * LANE_PITCH;
    for m in &marks {
        draw(&mut svg, env, root, m, lane_y(0));
    }
    for (k, lane) in lanes.iter().filter(|l| !l.is_empty()).enumerate() {
        for m in lane {
            draw(&mut svg, env, root, m, lane_y(k + 1));
        }
    }
    Some(svg.finish())
}

/// One mark centred on the line `y`, linking to its first event.
fn draw(svg: &mut Svg, env: &Env, root: &str, m: &Mark, y: i32) {
    let events = &env.site.events;
    let first = &events[Ix::new(m.events[0])];
    let name = match m.events.as_slice() {
        [_] => format!("{}: {}", first.when.display(), first.title),
        [.., last] => {
            let (from, to) = (
                first.when.start.to_string(),
                events[Ix::new(*last)].when.start.to_string(),
            );
            let dates = if from == to {
                from
            } else {
                format!("{from} to {to}")
            };
            format!(
                "{}, {dates}, from “{}”",
                plural(m.events.len(), "event"),
                fit(&first.title, 80)
            )
        }
        [] => return,
    };
    let approx = if m.approximate { " ov-approx" } else { "" };
    svg.link(&url::event(root, first.page, &first.id), &name, "ov-link");
    if m.ranged {
        svg.rect("ov-hit", m.x0, y - TARGET / 2, m.x1 - m.x0, TARGET, 0);
        svg.rect(
            &format!("ov-range{approx}"),
            m.x0,
            y - 5,
            m.x1 - m.x0,
            10,
            5,
        );
    } else {
        svg.rect(
            "ov-hit",
            m.x0 - TARGET / 2,
            y - TARGET / 2,
            TARGET,
            TARGET,
            0,
        );
        let r = match m.events.len() {
            1 => 5,
            2..=4 => 7,
            _ => 9,
        };
        svg.circle(&format!("ov-dot{approx}"), (m.x0, y), r);
        if m.events.len() > 1 {
            svg.text(
                "ov-count",
                (m.x0, y + 4),
                "middle",
                &m.events.len().to_string(),
            );
        }
    }
    svg.end_link();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn periods_of_dates() {
        assert_eq!(end(&d("2021")) - start(&d("2021")), YEAR);
        assert_eq!(end(&d("2021-07")) - start(&d("2021-07")), 31);
        assert_eq!(end(&d("2021-07-18")) - start(&d("2021-07-18")), 1);
        assert!(start(&d("2021-07-18")) < start(&d("2021-07-19")));
        let w = When {
            start: d("2016"),
            end: Some(d("2021-06")),
            approximate: false,
        };
        assert_eq!(span(&w), (start(&d("2016")), end(&d("2021-06")), true));
    }
}
