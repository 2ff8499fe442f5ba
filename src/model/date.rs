//! Dates at the precision they were written: a year, a month, or a day.
//! "2021" is never padded to a fake 1 January.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `s` is one or more ASCII digits.
fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The English name of month `m` (1 to 12), "" outside them.
pub fn month_name(m: u8) -> &'static str {
    usize::from(m)
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let shape_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        } && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !shape_ok {
            if Date::padded(s).is_some() {
                return Err(format!("`{s}` is not a date: a year has four digits"));
            }
            return Err(format!(
                "`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            ));
        }
        let year: u16 = parts[0]
            .parse()
            .map_err(|_| format!("`{s}` has no valid year"))?;
        if year == 0 {
            return Err(format!("`{s}`: there is no year 0"));
        }
        let month = match parts.get(1) {
            Some(m) => {
                let m: u8 = m.parse().unwrap_or(0);
                if !(1..=12).contains(&m) {
                    return Err(format!("`{s}`: month {m} does not exist (01 to 12)"));
                }
                Some(m)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => {
                let d: u8 = d.parse().unwrap_or(0);
                let m = month.unwrap_or(1);
                if jiff::civil::Date::new(year as i16, m as i8, d as i8).is_err() {
                    let name = MONTHS[usize::from(m - 1)];
                    return Err(format!(
                        "`{s}` is not a real date: {name} {year} has no day {d}"
                    ));
                }
                Some(d)
            }
            None => None,
        };
        Ok(Date { year, month, day })
    }

    /// What to write instead of `s` when its only fault is a year of
    /// fewer than four digits: "write 0602" for `602`, "write 0750-06"
    /// for `750-06` (content format 1.1, "Errors").
    ///
    /// Also the date meant, when `s` can be only one: `2021-3-5` (write
    /// 2021-03-05), `5 March 2021`, `March 5, 2021` and `Mar 2021` (months
    /// named in English, in full or by three letters), `Mar-21` (a
    /// spreadsheet's `mmm-yy`, said as "if … is meant") and a spreadsheet's
    /// number for a day, `44260` (Excel's 1900 date system: days since
    /// 30 December 1899), `2021/07/18`, `18/07/2021` and `07/18/2021` (a
    /// part over 12 is the day), `20210718`, a date with a time after it
    /// (`2021-07-18T10:00:00Z`), and `21-07-18` (2021, or the year 21). A
    /// day and a month both in digits up to 12 (`05/03/2021`) may be
    /// either: nothing is offered.
    pub fn suggestion(s: &str) -> Option<String> {
        let s = s.trim();
        if let Some(p) = Date::padded(s) {
            // `21-07-18`, a day, is more likely 2021 than the year 21
            // (`44-03` is left to mean the year 44).
            let century = (s.split('-').next().map(str::len) == Some(2)
                && s.split('-').count() == 3)
                .then(|| format!("20{s}"))
                .filter(|c| Date::parse(c).is_ok());
            return Some(match century {
                Some(c) => format!(
                    "write {c}, or {p} for the year {}",
                    p[..4].trim_start_matches('0')
                ),
                None => format!("write {p}"),
            });
        }
        if let Some(p) = Date::parts_padded(s).or_else(|| Date::other_ways(s)) {
            return Some(format!("write {p}"));
        }
        // A time after the date (`2021-07-18T10:00:00Z`, `2021-07-18 10:00`).
        if let Some(date) = s.get(..10).filter(|d| Date::parse(d).is_ok())
            && s[10..].starts_with(['T', ' '])
        {
            return Some(format!("write {date}: dossier keeps the day, not the time"));
        }
        if let Some((date, sure)) = Date::in_words(s) {
            return Some(match sure {
                true => format!("write {}", date.iso()),
                false => format!("write {} if {date} is meant", date.iso()),
            });
        }
        Date::day_number(s).map(|d| {
            format!(
                "write {}: `{s}` is a spreadsheet's number for that day (format the column as text before saving)",
                d.iso()
            )
        })
    }

    /// A day written in digits another way, when it can be only one date:
    /// `2021/07/18`, `18/07/2021` or `07/18/2021` (one of the two is over
    /// 12, so it is the day) and `20210718`.
    fn other_ways(s: &str) -> Option<String> {
        let iso = |y: &str, m: &str, d: &str| {
            let iso = format!("{y}-{m:0>2}-{d:0>2}");
            Date::parse(&iso).is_ok().then_some(iso)
        };
        if s.len() == 8 && digits(s) {
            return iso(&s[..4], &s[4..6], &s[6..]);
        }
        let parts: Vec<&str> = s.split(['/', '.']).collect();
        let [a, b, c] = parts[..] else {
            return None;
        };
        if !(digits(a) && digits(b) && digits(c)) {
            return None;
        }
        let number = |p: &str| p.parse::<u32>().unwrap_or(0);
        match (a.len(), c.len()) {
            (4, 1..=2) => iso(a, b, c),
            (1..=2, 4) if number(a) > 12 => iso(c, b, a),
            (1..=2, 4) if number(b) > 12 => iso(c, a, b),
            _ => None,
        }
    }

    /// `2021-3-5` as `2021-03-05`: a four-digit year, then a month and a
    /// day of one or two digits.
    fn parts_padded(s: &str) -> Option<String> {
        let parts: Vec<&str> = s.split('-').collect();
        let ([_, _] | [_, _, _]) = parts.as_slice() else {
            return None;
        };
        if parts[0].len() != 4
            || !parts.iter().all(|p| digits(p))
            || parts[1..].iter().any(|p| p.len() > 2)
        {
            return None;
        }
        let padded: Vec<String> = std::iter::once(parts[0].to_owned())
            .chain(parts[1..].iter().map(|p| format!("{p:0>2}")))
            .collect();
        let padded = padded.join("-");
        (padded != s && Date::parse(&padded).is_ok()).then_some(padded)
    }

    /// A date written with its month's English name: `5 March 2021`,
    /// `March 5, 2021`, `Mar. 2021`, `Mar-21`; whether it is surely the
    /// one meant (a two-digit year is taken as 20xx, and not surely).
    fn in_words(s: &str) -> Option<(Date, bool)> {
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '.'))
            .filter(|w| !w.is_empty())
            .collect();
        let month_of = |w: &str| {
            let w = w.to_lowercase();
            (w.len() >= 3)
                .then(|| MONTHS.iter().position(|m| m.to_lowercase().starts_with(&w)))
                .flatten()
                .and_then(|i| u8::try_from(i + 1).ok())
        };
        let mut month = None;
        let mut numbers = Vec::new();
        for w in &words {
            if let Some(m) = month_of(w).filter(|_| month.is_none()) {
                month = Some(m);
            } else if w.len() <= 4 && digits(w) {
                numbers.push(*w);
            } else {
                return None;
            }
        }
        let month = month?;
        let (year, day, sure) = match numbers.as_slice() {
            [y] if y.len() == 4 => (*y, None, true),
            [y] if y.len() == 2 && s.contains('-') => (*y, None, false),
            [a, b] if b.len() == 4 && a.len() <= 2 => (*b, Some(*a), true),
            [a, b] if a.len() == 4 && b.len() <= 2 => (*a, Some(*b), true),
            _ => return None,
        };
        let year = match year.len() {
            2 => format!("20{year}"),
            _ => year.to_owned(),
        };
        let iso = match day {
            Some(d) => format!("{year}-{month:02}-{d:0>2}"),
            None => format!("{year}-{month:02}"),
        };
        Date::parse(&iso).ok().map(|d| (d, sure))
    }

    /// A spreadsheet's number for a day (five digits: 1927 to 2173), as
    /// the date it stands for in Excel's 1900 date system.
    fn day_number(s: &str) -> Option<Date> {
        if s.len() != 5 || !digits(s) {
            return None;
        }
        let n: i64 = s.parse().ok()?;
        let day = jiff::civil::date(1899, 12, 30)
            .checked_add(jiff::Span::new().days(n))
            .ok()?;
        Date::parse(&day.to_string()).ok()
    }

    /// `s` with its year padded to four digits, when that makes it a date
    /// of the right shape.
    fn padded(s: &str) -> Option<String> {
        let (year, rest) = s.split_once('-').unwrap_or((s, ""));
        if year.len() >= 4 || !digits(year) {
            return None;
        }
        let padded = if rest.is_empty() {
            format!("{year:0>4}")
        } else {
            format!("{year:0>4}-{rest}")
        };
        Date::parse(&padded).is_ok().then_some(padded)
    }

    /// The sort key: a missing part counts as 0, so "2021" sorts before "2021-01-01".
    pub fn key(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }

    /// The machine form, as written: `2021`, `2021-07`, `2021-07-24`.
    /// Valid for HTML `<time datetime>` at every precision.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The first day the date covers, for feeds that need a full timestamp.
    pub fn first_day_iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// Whether this date is surely earlier than `other`: compared at the
    /// coarser of their two precisions, so "July 2021" is not earlier than
    /// "24 July 2021" (it may be the 28th), but "June 2021" is. Used where
    /// one date may not precede another (a correction before its article,
    /// a `no-response` dated before the question was asked).
    pub fn before(&self, other: &Date) -> bool {
        let (a, b) = (self.key(), other.key());
        let month = self.month.is_some() && other.month.is_some();
        let day = month && self.day.is_some() && other.day.is_some();
        match (month, day) {
            (true, true) => a < b,
            (true, false) => (a.0, a.1) < (b.0, b.1),
            _ => a.0 < b.0,
        }
    }

    fn without_year(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {}", MONTHS[usize::from(m - 1)]),
            (Some(m), None) => MONTHS[usize::from(m - 1)].to_owned(),
            _ => String::new(),
        }
    }
}

/// Human form at the written precision: "2021", "July 2021", "24 July 2021".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            None => write!(f, "{}", self.year),
            Some(_) => write!(f, "{} {}", self.without_year(), self.year),
        }
    }
}

/// A date, an optional end making it a range, and whether it is approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub start: Date,
    pub end: Option<Date>,
    pub approximate: bool,
}

impl When {
    /// "24 July 2021", "c. May 2003", "18–24 July 2021", "2016 – June 2021".
    pub fn display(&self) -> String {
        let prefix = if self.approximate { "c. " } else { "" };
        let Some(end) = self.end.filter(|e| *e != self.start) else {
            return format!("{prefix}{}", self.start);
        };
        let s = self.start;
        let text = if s.year == end.year
            && s.month.is_some()
            && s.month == end.month
            && s.day.is_some()
            && end.day.is_some()
        {
            format!("{}–{}", s.day.unwrap_or(0), end)
        } else if s.year == end.year && s.month.is_some() && end.month.is_some() {
            format!("{} – {}", s.without_year(), end)
        } else {
            format!("{s} – {end}")
        };
        format!("{prefix}{text}")
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&self.iso())
    }
}

/// Which way records run by date: the timeline's events oldest first,
/// articles and corrections newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    OldestFirst,
    NewestFirst,
}

/// `records`, each with its place in content, sorted by `date` in `order`,
/// ties kept in content order; the places are dropped.
///
/// The records are moved once, to their place: sorting the records
/// themselves (an event is several hundred bytes) moved each of them many
/// times over, a tenth of a `serve` rebuild at 20,000 events (issue 18).
pub fn sort_by_date<T>(
    records: Vec<(T, usize)>,
    date: impl Fn(&T) -> &Date,
    order: Order,
) -> Vec<T> {
    let mut keys: Vec<((u16, u8, u8), usize, usize)> = (records.iter().enumerate())
        .map(|(i, (r, place))| (date(r).key(), *place, i))
        .collect();
    // A record's place in content is unique, so an unstable sort gives one
    // order.
    keys.sort_unstable_by(|(a, ap, _), (b, bp, _)| {
        let by_date = match order {
            Order::OldestFirst => a.cmp(b),
            Order::NewestFirst => b.cmp(a),
        };
        by_date.then(ap.cmp(bp))
    });
    // Place k takes the record at keys[k].2: each cycle of that
    // permutation is walked once, each record swapped into its place.
    let mut records = records;
    let mut placed = vec![false; records.len()];
    for start in 0..records.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let from = keys[k].2;
            if from == start {
                break;
            }
            records.swap(k, from);
            k = from;
        }
    }
    records.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_sorted_by_date_keep_content_order_on_a_tie() {
        let d = |s: &str| Date::parse(s).unwrap();
        // Written out of order, with two on one day and a year alone
        // (which sorts before any day of it).
        let written = vec![
            (("b", d("2021-07-18")), 0),
            (("a", d("2021-07-19")), 1),
            (("c", d("2021-07-18")), 2),
            (("y", d("2021")), 3),
        ];
        let names =
            |v: Vec<(&'static str, Date)>| v.into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        let oldest = sort_by_date(written.clone(), |(_, d)| d, Order::OldestFirst);
        assert_eq!(names(oldest), ["y", "b", "c", "a"]);
        let newest = sort_by_date(written, |(_, d)| d, Order::NewestFirst);
        assert_eq!(names(newest), ["a", "b", "c", "y"]);
    }

    #[test]
    fn sorting_by_date_agrees_with_a_stable_sort() {
        // Many records, many ties, every kind of cycle in the permutation.
        let mut x = 7u32;
        let records: Vec<((usize, Date), usize)> = (0..1000)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let day = 1 + (x >> 16) % 28;
                ((i, Date::parse(&format!("2021-02-{day:02}")).unwrap()), i)
            })
            .collect();
        for order in [Order::OldestFirst, Order::NewestFirst] {
            let mut expected: Vec<(usize, Date)> = records.iter().map(|(r, _)| *r).collect();
            expected.sort_by(|(_, a), (_, b)| match order {
                Order::OldestFirst => a.key().cmp(&b.key()),
                Order::NewestFirst => b.key().cmp(&a.key()),
            });
            let got = sort_by_date(records.clone(), |(_, d)| d, order);
            let ids = |v: &[(usize, Date)]| v.iter().map(|(i, _)| *i).collect::<Vec<_>>();
            assert_eq!(ids(&got), ids(&expected));
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn precision_is_kept() {
        assert_eq!(d("2021").to_string(), "2021");
        assert_eq!(d("2021-07").to_string(), "July 2021");
        assert_eq!(d("2021-07-24").to_string(), "24 July 2021");
        assert_eq!(d("2021-07").iso(), "2021-07");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(
            Date::parse("2021-02-30")
                .unwrap_err()
                .contains("February 2021 has no day 30")
        );
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2021-13").is_err());
        assert!(Date::parse("21-07-24").is_err());
        assert!(Date::parse("2021-7-24").is_err());
        assert!(Date::parse("July 2021").is_err());
        assert!(Date::parse("0000").is_err());
    }

    #[test]
    fn early_years_have_four_digits() {
        assert_eq!(d("0750").to_string(), "750");
        assert_eq!(d("0750").iso(), "0750");
        assert!(d("0044").key() < d("0100").key());
        assert!(Date::parse("602").unwrap_err().contains("four digits"));
        assert_eq!(Date::suggestion("602").as_deref(), Some("write 0602"));
        assert_eq!(Date::suggestion("44-03").as_deref(), Some("write 0044-03"));
        assert_eq!(Date::suggestion("2021-13"), None);
        assert_eq!(Date::suggestion("July"), None);
        for (written, offered) in [
            ("2021-3-5", "write 2021-03-05"),
            ("2021-3", "write 2021-03"),
            ("5 March 2021", "write 2021-03-05"),
            ("March 5, 2021", "write 2021-03-05"),
            ("Sept. 2021", "write 2021-09"),
            ("Mar-21", "write 2021-03 if March 2021 is meant"),
            (
                "21-07-18",
                "write 2021-07-18, or 0021-07-18 for the year 21",
            ),
            ("2021/07/18", "write 2021-07-18"),
            ("18/07/2021", "write 2021-07-18"),
            ("07/18/2021", "write 2021-07-18"),
            ("20210718", "write 2021-07-18"),
            (
                "2021-07-18T10:00:00Z",
                "write 2021-07-18: dossier keeps the day, not the time",
            ),
            (
                "2021-07-18 10:00",
                "write 2021-07-18: dossier keeps the day, not the time",
            ),
            (
                "44260",
                "write 2021-03-05: `44260` is a spreadsheet's number for that day (format the column as text before saving)",
            ),
        ] {
            assert_eq!(
                Date::suggestion(written).as_deref(),
                Some(offered),
                "{written}"
            );
        }
        assert_eq!(Date::suggestion("05/03/2021"), None);
        assert_eq!(Date::suggestion("31 February 2021"), None);
        assert_eq!(Date::suggestion("Mayday 2021"), None);
        assert_eq!(Date::suggestion("0"), None);
    }

    #[test]
    fn missing_parts_sort_first() {
        assert!(d("2021").key() < d("2021-01").key());
        assert!(d("2021-01").key() < d("2021-01-01").key());
        assert!(d("2020-12-31").key() < d("2021").key());
    }

    #[test]
    fn surely_before_at_the_coarser_precision() {
        assert!(d("2021-07-20").before(&d("2021-07-24")));
        assert!(!d("2021-07-24").before(&d("2021-07-24")));
        assert!(!d("2021-07").before(&d("2021-07-24")));
        assert!(!d("2021-07-24").before(&d("2021-07")));
        assert!(d("2021-06-30").before(&d("2021-07")));
        assert!(d("2020").before(&d("2021-01-01")));
        assert!(!d("2021").before(&d("2021-12-31")));
    }

    #[test]
    fn ranges_and_approximate_dates() {
        let w = |s: &str, e: Option<&str>, a| When {
            start: d(s),
            end: e.map(d),
            approximate: a,
        };
        assert_eq!(
            w("2016", Some("2021-06"), false).display(),
            "2016 – June 2021"
        );
        assert_eq!(w("2003-05", None, true).display(), "c. May 2003");
        assert_eq!(
            w("2021-07-18", Some("2021-07-24"), false).display(),
            "18–24 July 2021"
        );
        assert_eq!(
            w("2021-06-13", Some("2021-07-24"), false).display(),
            "13 June – 24 July 2021"
        );
    }
}
