//! Reading the tables `scripts/codex-probe.mjs` writes: lines of
//! `KIND SUBJECT RELEASES [ANSWER]`, where RELEASES are runs (`A-B`, or
//! `A-` to the newest probed) over the releases the first line lists.

use super::Release;

/// One line of a table.
struct Line {
    kind: &'static str,
    subject: &'static str,
    /// Runs of probed releases, as indices into [`Table::probed`], inclusive.
    runs: Vec<(usize, usize)>,
    answer: &'static str,
}

/// A table of answers, one per release probed.
pub struct Table {
    /// The releases probed, oldest first (their full version numbers).
    probed: Vec<(Release, &'static str)>,
    lines: Vec<Line>,
}

impl Table {
    /// Reads a table the probe wrote. The text is compiled in and checked
    /// by the tests, so a line this does not understand is skipped rather
    /// than trusted.
    pub fn parse(text: &'static str) -> Self {
        let mut probed: Vec<(Release, &'static str)> = Vec::new();
        let mut lines = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let mut words = line.splitn(4, ' ');
            let (Some(kind), Some(subject)) = (words.next(), words.next()) else {
                continue;
            };
            if kind == "releases" {
                probed = line
                    .split(' ')
                    .skip(1)
                    .filter_map(|v| Some((Release::parse(v).ok()?, v)))
                    .collect();
                continue;
            }
            let runs_text = words.next().unwrap_or("none");
            let index = |v: &str| probed.iter().position(|(_, full)| *full == v);
            let runs = runs_text
                .split(',')
                .filter(|r| *r != "none")
                .filter_map(|run| {
                    let (first, last) = run.split_once('-')?;
                    let last = if last.is_empty() {
                        probed.len().checked_sub(1)?
                    } else {
                        index(last)?
                    };
                    Some((index(first)?, last))
                })
                .collect();
            lines.push(Line {
                kind,
                subject,
                runs,
                answer: words.next().unwrap_or(""),
            });
        }
        Self { probed, lines }
    }

    /// The releases probed, oldest first.
    pub fn releases(&self) -> impl Iterator<Item = Release> + '_ {
        self.probed.iter().map(|(r, _)| *r)
    }

    /// The probed release whose answers stand for `release`: itself, or the
    /// newest probed before it; the oldest for anything older.
    fn index_for(&self, release: Release) -> usize {
        self.probed
            .iter()
            .rposition(|(r, _)| *r <= release)
            .unwrap_or(0)
    }

    /// The answer `release` gives about `subject` (of `kind`), if it gives
    /// one: `Some("")` for a fact without words.
    pub fn answer(&self, kind: &str, subject: &str, release: Release) -> Option<&'static str> {
        let at = self.index_for(release);
        self.lines
            .iter()
            .filter(|l| l.kind == kind && l.subject == subject)
            .find(|l| l.runs.iter().any(|(a, b)| (*a..=*b).contains(&at)))
            .map(|l| l.answer)
    }

    /// Whether the table has a line about `subject` at all (the probe asked).
    pub fn asks(&self, kind: &str, subject: &str) -> bool {
        self.lines
            .iter()
            .any(|l| l.kind == kind && l.subject == subject)
    }

    /// Whether the table asks about `prefix` or anything under it (`agents`
    /// for `agents.*=false`): where a walk through a table can stop.
    pub fn asks_under(&self, kind: &str, prefix: &str) -> bool {
        self.lines.iter().any(|l| {
            l.kind == kind
                && l.subject.strip_prefix(prefix).is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with('.') || rest.starts_with('=')
                })
        })
    }

    /// The first release from which `holds` is true of every release to the
    /// newest probed; `None` when the newest does not have it.
    pub fn since(&self, holds: impl Fn(Release) -> bool) -> Option<Release> {
        let newest = self.probed.len().checked_sub(1)?;
        let mut first = None;
        for i in (0..=newest).rev() {
            let release = self.probed[i].0;
            if !holds(release) {
                break;
            }
            first = Some(release);
        }
        first
    }
}
