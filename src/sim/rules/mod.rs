//! The rules, one file each. Each takes the board and the game state, checks what it is asked to
//! do, and emits the events that carry it out (see [`crate::sim::apply::Step`]); the turn schedule
//! (`sim::schedule`) only calls them in order.

pub mod aftermath;
pub mod air;
pub mod air_war;
pub mod airfield_raids;
pub mod apportion;
pub mod attack_setup;
pub mod attacks;
pub mod bombardment;
pub mod bridges;
pub mod close_combat;
pub mod combat;
pub mod encirclement;
pub mod movement;
pub mod objectives;
pub mod observation;
pub mod recovery;
pub mod reinforcements;
pub mod sight;
pub mod supply;
pub mod victory;
pub mod zoc;
