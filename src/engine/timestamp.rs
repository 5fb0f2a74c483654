//! Timestamps as AWS prints and policies write them: ISO 8601 (with or without a zone, date only)
//! or epoch seconds. Held as whole seconds since the Unix epoch, UTC.

use std::fmt;

use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Parse ISO 8601 (`2026-01-02T03:04:05Z`, `…+01:00`, `…​.123456-05:00`, `2026-01-02T03:04:05`,
    /// `2026-01-02`) or epoch seconds (`1767225600`, `1767225600.5`). `None` when it is neither.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            && !t.contains("--")
        {
            if let Ok(secs) = t.parse::<i64>() {
                return Some(Timestamp(secs));
            }
            if let Ok(f) = t.parse::<f64>() {
                if f.is_finite() && f.abs() < 1e15 {
                    #[expect(
                        clippy::cast_possible_truncation,
                        reason = "bounded above, floor is the intent"
                    )]
                    return Some(Timestamp(f.floor() as i64));
                }
            }
        }
        if let Ok(dt) = OffsetDateTime::parse(t, &Rfc3339) {
            return Some(Timestamp(dt.unix_timestamp()));
        }
        let upper = t.to_ascii_uppercase();
        if let Ok(dt) = OffsetDateTime::parse(&upper.replace(' ', "T"), &Rfc3339) {
            return Some(Timestamp(dt.unix_timestamp()));
        }
        let naive = upper.trim_end_matches('Z');
        let with_fraction =
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]");
        let without_fraction = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
        let minutes_only = format_description!("[year]-[month]-[day]T[hour]:[minute]");
        for fd in [with_fraction, without_fraction, minutes_only] {
            if let Ok(dt) = PrimitiveDateTime::parse(naive, fd) {
                return Some(Timestamp(dt.assume_utc().unix_timestamp()));
            }
        }
        if let Ok(d) = Date::parse(naive, format_description!("[year]-[month]-[day]")) {
            return Some(Timestamp(d.midnight().assume_utc().unix_timestamp()));
        }
        None
    }

    /// ISO 8601 in UTC, e.g. `2026-11-28T00:00:00Z`.
    pub fn to_iso8601(self) -> String {
        match OffsetDateTime::from_unix_timestamp(self.0) {
            Ok(dt) => dt
                .format(format_description!(
                    "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
                ))
                .unwrap_or_else(|_| self.0.to_string()),
            Err(_) => self.0.to_string(),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso8601())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_parse_in_every_form_the_aws_cli_prints() {
        let want = Some(Timestamp(1_767_225_600));
        assert_eq!(Timestamp::parse("2026-01-01T00:00:00Z"), want);
        assert_eq!(Timestamp::parse("2026-01-01T01:00:00+01:00"), want);
        assert_eq!(Timestamp::parse("2025-12-31T19:00:00.000000-05:00"), want);
        assert_eq!(Timestamp::parse("2026-01-01T00:00:00"), want);
        assert_eq!(Timestamp::parse("2026-01-01"), want);
        assert_eq!(Timestamp::parse("1767225600"), want);
        assert_eq!(Timestamp::parse("1767225600.25"), want);
        assert_eq!(Timestamp::parse("yesterday"), None);
        assert_eq!(
            Timestamp(1_767_225_600).to_iso8601(),
            "2026-01-01T00:00:00Z"
        );
    }
}
