//! Dates in front matter: RFC 3339, or a date or local time in the site's
//! time zone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde_saphyr::Spanned;

use crate::content::front_matter::YamlSource;
use crate::error::Diagnostic;

/// Reads a date as RFC 3339, or as a date or local date-time in the site's
/// time zone.
pub fn parse_date(text: &str, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    let d = parse_any(text.trim(), tz).map(to_the_second)?;
    use chrono::Datelike;
    // Feeds date items as RFC 2822 does, with a year of four digits from
    // 1900 on: chrono cannot write a year before 0 or after 9999 there
    // (`date: -0001-01-01` panicked in the RSS feed), and `0000-01-01` is
    // a template's placeholder, not a date to publish.
    if [d.year(), d.naive_utc().year()]
        .iter()
        .any(|y| !(FIRST_YEAR..=LAST_YEAR).contains(y))
    {
        return Err(format!(
            "{:?} is outside the years {FIRST_YEAR} to {LAST_YEAR}, which feeds can carry",
            text.trim()
        ));
    }
    // Clocks run from 12 hours behind UTC (Baker Island) to 14 ahead
    // (Kiribati): `+15:00` or `+23:59` is a slip of the keyboard that
    // would move the briefing's publication by up to a day.
    let offset = d.offset().local_minus_utc();
    if !(-12 * 3600..=14 * 3600).contains(&offset) {
        return Err(format!(
            "{:?} has the UTC offset {}, which no place uses (they run from -12:00 to +14:00)",
            text.trim(),
            d.offset()
        ));
    }
    Ok(d)
}

/// The first and last years a date may have.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 9999;

/// `d` without its fraction of a second. Pages, feeds and sitemaps carry
/// dates to the second: HTML's `datetime` takes at most three digits of
/// fraction and no leap second (`23:59:60`, which chrono keeps as a
/// fraction past 59, becomes 59).
fn to_the_second(d: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    use chrono::Timelike;
    d.with_nanosecond(0).unwrap_or(d)
}

fn parse_any(text: &str, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Ok(d);
    }
    if let Ok(d) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z") {
        return Ok(d);
    }
    let local = if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        // The day's first instant: where daylight saving starts at
        // midnight (Havana, Beirut, Santiago), the day starts at 01:00.
        let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists");
        let first = (0..24 * 60)
            .map(|m| midnight + chrono::Duration::minutes(m))
            .take_while(|t| t.date() == d)
            .find_map(|t| tz.from_local_datetime(&t).earliest());
        return match first {
            Some(first) => Ok(first.fixed_offset()),
            None => Err(format!(
                "{text} does not exist in the time zone {tz} (the whole day was skipped)"
            )),
        };
    } else {
        let mut parsed = None;
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(d) = NaiveDateTime::parse_from_str(text, format) {
                parsed = Some(d);
                break;
            }
        }
        match parsed {
            Some(d) => d,
            None => return Err(explain_bad_date(text)),
        }
    };
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(d) => Ok(d.fixed_offset()),
        // The hour the clocks go back happens twice: taking either could
        // publish an hour before the editor meant.
        chrono::LocalResult::Ambiguous(first, second) => Err(format!(
            "{text} happens twice in the time zone {tz} (the clocks go back): write the offset you mean, {} or {}",
            first.fixed_offset().to_rfc3339(),
            second.fixed_offset().to_rfc3339()
        )),
        chrono::LocalResult::None => Err(format!(
            "{text} does not exist in the time zone {tz} (a daylight-saving gap)"
        )),
    }
}

fn explain_bad_date(text: &str) -> String {
    // Looks like a date but is not one (2025-02-30): say so.
    let digits: Vec<&str> = text.get(..10).unwrap_or("").split('-').collect();
    if digits.len() == 3
        && digits.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && let (Ok(y), Ok(m), Ok(d)) = (
            digits[0].parse::<i32>(),
            digits[1].parse::<u32>(),
            digits[2].parse::<u32>(),
        )
        && NaiveDate::from_ymd_opt(y, m, d).is_none()
    {
        return format!("{text:?} is not a real date");
    }
    format!("{text:?} is not a date")
}

/// Reads the date under `key`, reporting a bad one at its place.
pub(super) fn check_date(
    value: &Spanned<String>,
    key: &str,
    src: &YamlSource<'_>,
    tz: Tz,
    out: &mut Vec<Diagnostic>,
) -> Option<DateTime<FixedOffset>> {
    match parse_date(&value.value, tz) {
        Ok(d) => Some(d),
        Err(message) => {
            out.push(
                src.error_at(&value.referenced, format!("`{key}`: {message}"))
                    .with_hint("write `2025-08-08`, `2025-08-08T17:30:00` (site time zone) or `2025-08-08T17:30:00-04:00`"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_local_time_that_happens_twice_is_refused_with_both_offsets() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let e = parse_date("2025-11-02T01:30:00", tz).unwrap_err();
        assert!(e.contains("happens twice"), "{e}");
        assert!(
            e.contains("2025-11-02T01:30:00-04:00") && e.contains("2025-11-02T01:30:00-05:00"),
            "{e}"
        );
        // Either offset, written out, is taken as written.
        let d = parse_date("2025-11-02T01:30:00-05:00", tz).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-11-02T01:30:00-05:00");
        // The day itself, and the hours either side, are fine.
        parse_date("2025-11-02", tz).unwrap();
        parse_date("2025-11-02T02:30:00", tz).unwrap();
    }

    use super::*;
    use chrono_tz::{America::New_York, UTC};

    #[test]
    fn dates_in_every_accepted_form() {
        for (written, kept) in [
            ("2025-06-30T23:59:60Z", "2025-06-30T23:59:59+00:00"),
            (
                "2025-01-08T09:15:00.123456789+01:00",
                "2025-01-08T09:15:00+01:00",
            ),
            ("2025-01-08T09:15:07.5", "2025-01-08T09:15:07+00:00"),
        ] {
            let d = parse_date(written, UTC).unwrap();
            assert_eq!(d.to_rfc3339(), kept, "{written}");
        }
        let d = parse_date("2025-08-08T17:30:00-04:00", UTC).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-08-08T17:30:00-04:00");
        let d = parse_date("2025-08-08", New_York).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-08-08T00:00:00-04:00");
        let d = parse_date("2025-01-08 09:15", New_York).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-01-08T09:15:00-05:00");
        assert!(
            parse_date("2025-02-30", UTC)
                .unwrap_err()
                .contains("not a real date")
        );
        assert!(
            parse_date("yesterday", UTC)
                .unwrap_err()
                .contains("not a date")
        );
        assert!(
            parse_date("2025-03-09T02:30:00", New_York)
                .unwrap_err()
                .contains("gap")
        );
    }

    #[test]
    fn offsets_no_place_uses_are_refused() {
        for ok in ["2025-01-01T12:00:00+14:00", "2025-01-01T12:00:00-12:00"] {
            assert!(parse_date(ok, Tz::UTC).is_ok(), "{ok}");
        }
        for bad in [
            "2025-01-01T12:00:00+15:00",
            "2025-01-01T12:00:00+23:59",
            "2025-01-01 12:00:00-12:30",
        ] {
            let e = parse_date(bad, Tz::UTC).unwrap_err();
            assert!(e.contains("which no place uses"), "{bad}: {e}");
        }
    }

    #[test]
    fn years_feeds_cannot_carry_are_refused() {
        // `-0001-01-01` panicked in the RSS feed (RFC 2822 has no year
        // before 0); `0000-01-01` was published as 1 January 0000.
        for bad in [
            "-0001-01-01",
            "0000-01-01",
            "1899-12-31T23:59:59Z",
            "1900-01-01T00:30:00+01:00",
            "9999-12-31T23:00:00-12:00",
            "+10000-01-01",
        ] {
            let e = parse_date(bad, UTC).unwrap_err();
            assert!(
                e.contains("1900 to 9999") || e.contains("not a date"),
                "{bad}: {e}"
            );
        }
        assert!(
            parse_date("0000-01-01", UTC)
                .unwrap_err()
                .contains("1900 to 9999")
        );
        assert!(
            parse_date("-0001-01-01", UTC)
                .unwrap_err()
                .contains("1900 to 9999")
        );
        for good in ["1900-01-01", "9999-12-31T23:59:60Z", "1969-07-20T20:17:40Z"] {
            parse_date(good, UTC).unwrap();
        }
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_starts_when_the_clocks_do() {
        // Cuba moves its clocks from 00:00 to 01:00.
        let d = parse_date("2025-03-09", chrono_tz::America::Havana).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-03-09T01:00:00-04:00");
        // Samoa skipped 30 December 2011 whole.
        let e = parse_date("2011-12-30", chrono_tz::Pacific::Apia).unwrap_err();
        assert!(e.contains("whole day was skipped"), "{e}");
        let d = parse_date("2011-12-31", chrono_tz::Pacific::Apia).unwrap();
        assert_eq!(d.to_rfc3339(), "2011-12-31T00:00:00+14:00");
    }
}
