//! Timestamps as AWS prints and policies write them: ISO 8601 (with or without a zone, date only)
//! or epoch seconds. Held as whole seconds since the Unix epoch, UTC.

use std::fmt;

use serde::Serialize;

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Parse ISO 8601 (`2026-01-02T03:04:05Z`, `…+01:00`, `…​.123456-05:00`, `2026-01-02T03:04:05`,
    /// `2026-01-02`) or epoch seconds (`1767225600`, `1767225600.5`). `None` when it is neither.
    ///
    /// Accepts exactly what the `time` crate's RFC 3339 parser and the formats
    /// `[year]-[month]-[day]T[hour]:[minute]:[second][.subsecond]`, `…T[hour]:[minute]` and
    /// `[year]-[month]-[day]` accept (a test compares them), without its code in the web app.
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
        // RFC 3339 takes any one byte between date and time and `Z` in either case, so the
        // upper-cased, `T`-separated form of the text parses exactly when the text does.
        if let Some(ts) = parse_rfc3339(t.as_bytes()) {
            return Some(ts);
        }
        let upper = t.to_ascii_uppercase();
        parse_naive(upper.trim_end_matches('Z').as_bytes())
    }

    /// ISO 8601 in UTC, e.g. `2026-11-28T00:00:00Z`.
    pub fn to_iso8601(self) -> String {
        let days = self.0.div_euclid(SECONDS_PER_DAY);
        let secs = self.0.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        if !(-MAX_YEAR..=MAX_YEAR).contains(&year) {
            return self.0.to_string();
        }
        let sign = if year < 0 { "-" } else { "" };
        format!(
            "{sign}{:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            year.unsigned_abs(),
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso8601())
    }
}

const SECONDS_PER_DAY: i64 = 86_400;
/// The years a date may have (those of the `time` crate without its `large-dates` feature).
const MAX_YEAR: i64 = 9999;

/// A cursor over the bytes of a timestamp.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl Cursor<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(first)
    }

    fn eat(&mut self, want: u8) -> bool {
        if self.rest.first() == Some(&want) {
            self.rest = self.rest.get(1..).unwrap_or_default();
            true
        } else {
            false
        }
    }

    fn digit(&mut self) -> Option<i64> {
        match self.rest.first() {
            Some(b) if b.is_ascii_digit() => {
                self.rest = self.rest.get(1..).unwrap_or_default();
                Some(i64::from(b - b'0'))
            }
            _ => None,
        }
    }

    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<i64> {
        (0..n).try_fold(0, |value, _| Some(value * 10 + self.digit()?))
    }

    /// A sign, `+` (true) or `-` (false).
    fn sign(&mut self) -> Option<bool> {
        if self.eat(b'+') {
            Some(true)
        } else if self.eat(b'-') {
            Some(false)
        } else {
            None
        }
    }

    /// One digit, then at most `more` further digits (the fraction of a second: ignored).
    fn fraction(&mut self, more: usize) -> Option<()> {
        self.digit()?;
        for _ in 0..more {
            if self.digit().is_none() {
                break;
            }
        }
        Some(())
    }
}

/// A calendar date and time of day, as written.
struct DateTime {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
}

impl DateTime {
    /// The seconds since the epoch, when every field is in range.
    fn seconds(&self) -> Option<i64> {
        let valid = (-MAX_YEAR..=MAX_YEAR).contains(&self.year)
            && (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
            && (0..24).contains(&self.hour)
            && (0..60).contains(&self.minute)
            && (0..60).contains(&self.second);
        valid.then(|| {
            days_from_civil(self.year, self.month, self.day) * SECONDS_PER_DAY
                + self.hour * 3600
                + self.minute * 60
                + self.second
        })
    }
}

/// `YYYY-MM-DD?hh:mm:ss[.f…](Z|±hh:mm)`, any byte between date and time, a leap second allowed
/// as the last second of a month in UTC (read as the second before it).
fn parse_rfc3339(text: &[u8]) -> Option<Timestamp> {
    let mut c = Cursor { rest: text };
    let year = c.digits(4)?;
    c.eat(b'-').then_some(())?;
    let month = c.digits(2)?;
    c.eat(b'-').then_some(())?;
    let day = c.digits(2)?;
    c.byte()?;
    let hour = c.digits(2)?;
    c.eat(b':').then_some(())?;
    let minute = c.digits(2)?;
    c.eat(b':').then_some(())?;
    let second = c.digits(2)?;
    if c.eat(b'.') {
        c.fraction(usize::MAX)?;
    }
    let offset = if c.eat(b'Z') || c.eat(b'z') {
        0
    } else {
        let positive = c.sign()?;
        let hours = c.digits(2).filter(|h| *h <= 23)?;
        c.eat(b':').then_some(())?;
        let minutes = c.digits(2).filter(|m| *m <= 59)?;
        let offset = hours * 3600 + minutes * 60;
        if positive {
            offset
        } else {
            -offset
        }
    };
    if !c.rest.is_empty() {
        return None;
    }
    let leap = second == 60;
    let local = DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second: if leap { 59 } else { second },
    }
    .seconds()?;
    let utc = local - offset;
    if leap {
        let (utc_year, utc_month, utc_day) = civil_from_days(utc.div_euclid(SECONDS_PER_DAY));
        let last_second = utc.rem_euclid(SECONDS_PER_DAY) == SECONDS_PER_DAY - 1;
        if !last_second
            || !(-MAX_YEAR..=MAX_YEAR).contains(&utc_year)
            || utc_day != days_in_month(utc_year, utc_month)
        {
            return None;
        }
    }
    Some(Timestamp(utc))
}

/// `[±]YYYY-MM-DD` then `Thh:mm:ss.f…`, `Thh:mm:ss`, `Thh:mm` or nothing, in UTC.
fn parse_naive(text: &[u8]) -> Option<Timestamp> {
    let mut c = Cursor { rest: text };
    let year = match c.sign() {
        Some(false) => -c.digits(4)?,
        _ => c.digits(4)?,
    };
    c.eat(b'-').then_some(())?;
    let month = c.digits(2)?;
    c.eat(b'-').then_some(())?;
    let day = c.digits(2)?;
    let mut time = [0; 3];
    if !c.rest.is_empty() {
        c.eat(b'T').then_some(())?;
        time[0] = c.digits(2)?;
        c.eat(b':').then_some(())?;
        time[1] = c.digits(2)?;
        if c.eat(b':') {
            time[2] = c.digits(2)?;
            if c.eat(b'.') {
                // The first digit, then up to 31 more: a longer fraction does not parse.
                c.fraction(31)?;
            }
        }
    }
    if !c.rest.is_empty() {
        return None;
    }
    let [hour, minute, second] = time;
    DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    }
    .seconds()
    .map(Timestamp)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The implementation this module replaced, on the `time` crate: the reference.
    fn reference_parse(text: &str) -> Option<Timestamp> {
        use time::format_description::well_known::Rfc3339;
        use time::macros::format_description;
        use time::{Date, OffsetDateTime, PrimitiveDateTime};
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

    fn reference_iso8601(ts: Timestamp) -> String {
        use time::macros::format_description;
        match time::OffsetDateTime::from_unix_timestamp(ts.0) {
            Ok(dt) => dt
                .format(format_description!(
                    "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
                ))
                .unwrap_or_else(|_| ts.0.to_string()),
            Err(_) => ts.0.to_string(),
        }
    }

    /// Timestamps near the edges: fields one past their range, leap days and seconds, offsets,
    /// signs, long fractions, stray separators and zones.
    fn near_timestamp() -> impl Strategy<Value = String> {
        let year = prop_oneof![
            (0_u32..=10_000).prop_map(|y| format!("{y:04}")),
            Just("1970".to_owned()),
            Just("2000".to_owned()),
            Just("1900".to_owned()),
            Just("9999".to_owned()),
            Just("0000".to_owned()),
            ("[+-]", 0_u32..=100_000, 4_usize..=7).prop_map(|(s, y, w)| format!("{s}{y:0w$}")),
        ];
        let two = |max: u32| (0..=max).prop_map(|v| format!("{v:02}"));
        let fraction = prop_oneof![Just(String::new()), "\\.[0-9]{0,40}"];
        let zone = prop_oneof![
            Just(String::new()),
            "[zZ]{1,2}",
            ("[+-]", 0_u32..=25, 0_u32..=61).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
            "[+-][0-9]{1,4}",
        ];
        let separator = "[Tt _x-]";
        let time = prop_oneof![
            Just(String::new()),
            (
                separator,
                two(24),
                two(60),
                prop::option::of(two(61)),
                fraction
            )
                .prop_map(|(sep, h, m, s, f)| match s {
                    Some(s) => format!("{sep}{h}:{m}:{s}{f}"),
                    None => format!("{sep}{h}:{m}{f}"),
                }),
        ];
        (year, two(13), two(32), time, zone, "[ ]{0,1}")
            .prop_map(|(y, mo, d, t, z, pad)| format!("{pad}{y}-{mo}-{d}{t}{z}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]

        #[test]
        fn timestamps_parse_as_the_time_crate_parsed_them(text in near_timestamp()) {
            prop_assert_eq!(Timestamp::parse(&text), reference_parse(&text), "{}", text);
        }

        #[test]
        fn any_text_parses_as_the_time_crate_parsed_it(text in "[-+0-9:.TtZz ]{0,30}") {
            prop_assert_eq!(Timestamp::parse(&text), reference_parse(&text), "{}", text);
        }

        #[test]
        fn timestamps_print_as_the_time_crate_printed_them(secs in -400_000_000_000_i64..400_000_000_000) {
            prop_assert_eq!(Timestamp(secs).to_iso8601(), reference_iso8601(Timestamp(secs)));
        }
    }

    #[test]
    fn edge_timestamps_parse_and_print_as_the_time_crate_did() {
        for text in [
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60.5Z",
            "2016-12-30T23:59:60Z",
            "2017-01-01T00:59:60+01:00",
            "2016-12-31T18:59:60-05:00",
            "9999-12-31T23:59:59-23:59",
            "0000-01-01T00:00:00+23:59",
            "0000-01-01T00:59:60+01:00",
            "2024-02-29",
            "2023-02-29",
            "+2026-01-01",
            "-0001-12-31T23:59",
            "+02026-01-01",
            "2026-01-01T00:00:00.123456789012345678901234567890123",
            "2026-01-01T00:00:00.12345678901234567890123456789012",
            "2026-01-01t00:00:00z",
            "2026-01-01 00:00:00",
            "2026-01-01\u{e9}00:00:00Z",
            "2026-01-01T00:00:00ZZZ",
            "2026-01-01ZZ",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00+23:60",
        ] {
            assert_eq!(Timestamp::parse(text), reference_parse(text), "{text}");
        }
        for secs in [
            i64::MIN,
            i64::MAX,
            253_402_300_799,
            253_402_300_800,
            -377_705_116_800,
            -377_705_116_801,
            -62_135_596_801,
            0,
            -1,
        ] {
            assert_eq!(
                Timestamp(secs).to_iso8601(),
                reference_iso8601(Timestamp(secs)),
                "{secs}"
            );
        }
    }

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
