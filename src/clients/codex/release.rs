//! A release of the Codex CLI, as a person names it.

use std::fmt;

/// A release of the Codex CLI, by its minor version: `0.130` stands for
/// every `0.130.x`, whose patch releases the page treats alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release {
    minor: u16,
}

impl Release {
    /// The release `0.{minor}`.
    pub const fn new(minor: u16) -> Self {
        Self { minor }
    }

    /// The minor version (`130` for 0.130).
    pub fn minor(self) -> u16 {
        self.minor
    }

    /// Reads a release as a person types or pastes it: `0.130`, `0.130.2`,
    /// `v0.130.0`, or `codex --version`'s own line (`codex-cli 0.130.0`).
    /// The error says what was expected.
    pub fn parse(typed: &str) -> Result<Self, String> {
        let trimmed = typed.trim();
        let number = trimmed
            .strip_prefix("codex-cli")
            .unwrap_or(trimmed)
            .trim()
            .trim_start_matches(['v', 'V']);
        let mut parts = number.split('.');
        let major = parts.next().unwrap_or_default();
        let minor = parts.next().unwrap_or_default();
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        let patch_ok = parts.next().is_none_or(digits) && parts.next().is_none();
        match (major, minor.parse::<u16>()) {
            ("0", Ok(minor_number)) if digits(minor) && patch_ok => Ok(Self {
                minor: minor_number,
            }),
            _ => Err(format!(
                "{} is not a Codex release: type it as `codex --version` prints it, such as 0.171 or 0.171.0.",
                quote(trimmed)
            )),
        }
    }

    /// The release `codex --version` names on its first line, if `text`
    /// holds such a line (the start of what a command printed).
    pub fn from_version_line(text: &str) -> Option<Self> {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with("codex-cli "))
            .and_then(|l| Self::parse(l).ok())
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0.{}", self.minor)
    }
}

/// `typed` back-ticked for a message, shortened and without control characters.
fn quote(typed: &str) -> String {
    let shown: String = typed
        .chars()
        .take(24)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    let more = if typed.chars().count() > 24 {
        "…"
    } else {
        ""
    };
    format!("`{shown}{more}`")
}
