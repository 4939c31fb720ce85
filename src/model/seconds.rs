//! Timeouts as the decimals typed.

/// A number of seconds written as a plain decimal (`30`, `12.5`), kept as
/// its digits: the page never needs floating-point parsing or printing
/// (about 20 kB of its wasm), and Codex reads the value as a float.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seconds {
    /// Digits before the point, without leading zeros (`"0"` for none).
    whole: String,
    /// Digits after the point, without trailing zeros (may be empty).
    fraction: String,
}

impl Seconds {
    /// Reads `digits[.digits]` (either side may be left out, not both);
    /// `None` for anything else, signs and exponents included.
    pub fn parse(typed: &str) -> Option<Self> {
        let (whole, fraction) = typed.split_once('.').unwrap_or((typed, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
            return None;
        }
        let whole = whole.trim_start_matches('0');
        Some(Self {
            whole: if whole.is_empty() { "0" } else { whole }.to_owned(),
            fraction: fraction.trim_end_matches('0').to_owned(),
        })
    }

    /// Whether this is no time at all.
    pub fn is_zero(&self) -> bool {
        self.whole == "0" && self.fraction.is_empty()
    }

    /// Whether this is more than `limit` whole seconds.
    pub fn exceeds(&self, limit: u32) -> bool {
        let limit = limit.to_string();
        match self.whole.len().cmp(&limit.len()) {
            std::cmp::Ordering::Equal => match self.whole.as_str().cmp(limit.as_str()) {
                std::cmp::Ordering::Equal => !self.fraction.is_empty(),
                other => other.is_gt(),
            },
            other => other.is_gt(),
        }
    }

    /// The value in whole milliseconds, as the other clients write
    /// timeouts (`30` → `30000`, `1.2345` → `1234`: a fraction of a
    /// millisecond is dropped).
    pub fn millis(&self) -> String {
        let mut fraction: String = self.fraction.chars().take(3).collect();
        while fraction.len() < 3 {
            fraction.push('0');
        }
        let digits = format!("{}{fraction}", self.whole);
        let trimmed = digits.trim_start_matches('0');
        if trimmed.is_empty() { "0" } else { trimmed }.to_owned()
    }

    /// The value as a TOML float: `30.0`, `12.5`.
    pub fn to_toml(&self) -> String {
        let fraction = if self.fraction.is_empty() {
            "0"
        } else {
            &self.fraction
        };
        format!("{}.{fraction}", self.whole)
    }
}

impl std::fmt::Display for Seconds {
    /// The shortest plain decimal: `30`, `12.5`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.whole)?;
        if !self.fraction.is_empty() {
            write!(f, ".{}", self.fraction)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Seconds;

    #[test]
    fn milliseconds_are_the_digits_moved_three_places() {
        let ms = |s: &str| Seconds::parse(s).unwrap().millis();
        assert_eq!(ms("30"), "30000");
        assert_eq!(ms("12.5"), "12500");
        assert_eq!(ms("0.0015"), "1");
        assert_eq!(ms("0.0004"), "0");
        assert_eq!(ms(".25"), "250");
    }
}
