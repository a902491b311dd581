//! Khalkhin Gol 1939: a deterministic, data-driven hex wargame of the Soviet–Mongolian and
//! Japanese–Manchukuo battles on the Khalkhin Gol river, May–September 1939.
//!
//! Data flows one way: RON files → [`scenario::Scenario`] → Bevy world ([`sim::SimPlugin`]) →
//! turn systems → events → view, recorder and statistics.
//!
//! Playing one whole game headless, both sides computer-controlled:
//!
//! ```
//! use khalkhin_gol::analysis::play_game;
//! use khalkhin_gol::control::ControllerKind;
//! use khalkhin_gol::scenario::load_scenario;
//! use std::sync::Arc;
//!
//! let scn = Arc::new(load_scenario("tests/fixtures/mini_scenario.ron".as_ref()).expect("loads"));
//! let (record, events) = play_game(&scn, 7, ControllerKind::Plan, ControllerKind::Ai);
//! assert_eq!(record.end_date, "1939-08-22T06:00");
//! assert!(!events.0.is_empty());
//! ```

pub mod analysis;
pub mod campaign;
pub mod control;
pub mod data;
pub mod error;
pub mod fsio;
#[cfg(feature = "gui")]
pub mod gui;
pub mod map;
pub mod mods;
pub mod play;
pub mod saves;
pub mod scenario;
pub mod sim;
