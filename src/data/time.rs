//! Game dates: minutes since 1900-01-01T00:00 local time, written in files as ISO 8601 `YYYY-MM-DDTHH:MM`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A moment of the game, in whole minutes since 1900-01-01T00:00 (local time of the front, UTC+8 in 1939).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Stamp(pub i64);

const MIN_PER_DAY: i64 = 24 * 60;

/// Days from 1900-01-01 to a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 693_960 // 693_960 = days from 0000-03-01 to 1900-01-01
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 693_960;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Stamp {
    /// Parses `YYYY-MM-DDTHH:MM` (or `YYYY-MM-DD`, meaning 00:00). `24:00` is allowed as the end of a day.
    pub fn parse(s: &str) -> Result<Stamp, String> {
        let bad =
            || format!("`{s}` is not a date; expected YYYY-MM-DDTHH:MM, e.g. 1939-08-20T06:00");
        let (date, time) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let parts: Vec<&str> = date.split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(bad());
        }
        let num = |p: &str| p.parse::<i64>().map_err(|_| bad());
        let (y, m, d) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
        if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return Err(format!("`{s}`: no such day in the calendar"));
        }
        let (hh, mm) = match time {
            None => (0, 0),
            Some(t) => {
                let (h, mi) = t.split_once(':').ok_or_else(bad)?;
                if h.len() != 2 || mi.len() != 2 {
                    return Err(bad());
                }
                (num(h)?, num(mi)?)
            }
        };
        if hh > 24 || mm > 59 || (hh == 24 && mm != 0) {
            return Err(format!("`{s}`: no such time of day"));
        }
        Ok(Stamp(days_from_civil(y, m, d) * MIN_PER_DAY + hh * 60 + mm))
    }

    /// Hour of the day, 0–23.
    pub fn hour(self) -> i64 {
        self.0.rem_euclid(MIN_PER_DAY) / 60
    }

    pub fn plus_hours(self, hours: i64) -> Stamp {
        Stamp(self.0 + hours * 60)
    }

    /// Whole hours from `earlier` to `self`.
    pub fn hours_since(self, earlier: Stamp) -> i64 {
        (self.0 - earlier.0) / 60
    }

    /// As a reader writes it: `20 August 1939, 06:00`.
    pub fn readable(self) -> String {
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
        let (y, m, d) = civil_from_days(self.0.div_euclid(MIN_PER_DAY));
        let min = self.0.rem_euclid(MIN_PER_DAY);
        format!(
            "{d} {} {y}, {:02}:{:02}",
            MONTHS[(m - 1).clamp(0, 11) as usize],
            min / 60,
            min % 60
        )
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0.div_euclid(MIN_PER_DAY));
        let min = self.0.rem_euclid(MIN_PER_DAY);
        write!(f, "{y:04}-{m:02}-{d:02}T{:02}:{:02}", min / 60, min % 60)
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Stamp::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_dates() {
        for s in [
            "1939-08-20T06:00",
            "1939-05-11T00:00",
            "1900-01-01T00:00",
            "2000-02-29T23:59",
        ] {
            assert_eq!(Stamp::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(
            Stamp::parse("1939-08-20T24:00").unwrap().to_string(),
            "1939-08-21T00:00"
        );
        assert!(Stamp::parse("1939-02-29T00:00").is_err());
        assert!(Stamp::parse("1939-8-20").is_err());
        assert_eq!(Stamp::parse("1939-08-20T18:00").unwrap().hour(), 18);
    }

    #[test]
    fn reads_as_a_reader_writes_dates() {
        assert_eq!(
            Stamp::parse("1939-08-20T06:00").unwrap().readable(),
            "20 August 1939, 06:00"
        );
        assert_eq!(
            Stamp::parse("1939-09-01T00:00").unwrap().readable(),
            "1 September 1939, 00:00"
        );
        assert_eq!(
            Stamp::parse("1940-01-31T23:59").unwrap().readable(),
            "31 January 1940, 23:59"
        );
    }
}
