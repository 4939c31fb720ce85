//! A line diff of the pasted file against the merged one, for the person
//! to see exactly what the merge changes.

/// How one line differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineChange {
    /// In both files.
    Same,
    /// Only in the pasted file.
    Removed,
    /// Only in the merged file.
    Added,
}

/// One line of the diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    /// Whether it was kept, removed or added.
    pub change: LineChange,
    /// The line, without its line break.
    pub text: String,
}

/// Past this many cells the middle of the diff is shown as removed-then-added
/// rather than aligned line by line, so a huge paste stays fast.
const MAX_CELLS: usize = 4_000_000;

/// The lines of `old` and `new`, each marked kept, removed or added: a
/// longest common subsequence over the part between the common start and end.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let line = |change, text: &str| DiffLine {
        change,
        text: text.to_owned(),
    };
    let mut out: Vec<DiffLine> = a[..prefix]
        .iter()
        .map(|l| line(LineChange::Same, l))
        .collect();
    if ma.len().saturating_mul(mb.len()) > MAX_CELLS {
        out.extend(ma.iter().map(|l| line(LineChange::Removed, l)));
        out.extend(mb.iter().map(|l| line(LineChange::Added, l)));
    } else {
        // lcs[i][j]: length of the common subsequence of ma[i..] and mb[j..].
        let width = mb.len() + 1;
        let mut lcs = vec![0u32; (ma.len() + 1) * width];
        for i in (0..ma.len()).rev() {
            for j in (0..mb.len()).rev() {
                lcs[i * width + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < ma.len() || j < mb.len() {
            if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
                out.push(line(LineChange::Same, ma[i]));
                i += 1;
                j += 1;
            } else if i < ma.len()
                && (j == mb.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
            {
                out.push(line(LineChange::Removed, ma[i]));
                i += 1;
            } else {
                out.push(line(LineChange::Added, mb[j]));
                j += 1;
            }
        }
    }
    out.extend(
        a[a.len() - suffix..]
            .iter()
            .map(|l| line(LineChange::Same, l)),
    );
    out
}

/// A row of a diff shown with context: a line, or a run of unchanged lines
/// left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffRow {
    /// A line, changed or near a change.
    Line(DiffLine),
    /// This many unchanged lines, not shown.
    Skipped(usize),
}

/// The diff with only `context` unchanged lines kept around each change.
pub fn diff_with_context(diff: &[DiffLine], context: usize) -> Vec<DiffRow> {
    let changed: Vec<usize> = (0..diff.len())
        .filter(|&i| diff[i].change != LineChange::Same)
        .collect();
    let near = |i: usize| {
        let at = changed.partition_point(|&c| c < i);
        let after = changed.get(at).is_some_and(|&c| c - i <= context);
        let before = at > 0 && i - changed[at - 1] <= context;
        after || before
    };
    let mut rows = Vec::new();
    let mut skipped = 0;
    for (i, line) in diff.iter().enumerate() {
        if line.change != LineChange::Same || near(i) {
            if skipped > 0 {
                rows.push(DiffRow::Skipped(skipped));
                skipped = 0;
            }
            rows.push(DiffRow::Line(line.clone()));
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        rows.push(DiffRow::Skipped(skipped));
    }
    rows
}
