//! Khalkhin Gol 1939: a deterministic, data-driven hex wargame of the Soviet–Mongolian and
//! Japanese–Manchukuo battles on the Khalkhin Gol river, May–September 1939.
//!
//! Data flows one way: RON files → [`scenario::Scenario`] → Bevy world ([`sim::SimPlugin`]) →
//! turn systems → events → view, recorder and statistics.

pub mod analysis;
pub mod control;
pub mod data;
pub mod error;
pub mod map;
pub mod scenario;
pub mod sim;
