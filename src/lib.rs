//! crosscheck: finds claims in a news draft that cannot all be true.
//!
//! The pipeline, one module per stage: [`source`] → [`markup`] → [`tokens`] → [`segment`] →
//! [`np`], [`time`], [`numbers`] → [`extract`] → [`resolve`] → [`claims`] → [`checks`] →
//! [`report`]. [`analysis::Analysis`] runs it for one draft.

pub mod acronyms;
pub mod analysis;
pub mod atomic;
pub mod baseline;
pub mod batch;
pub mod changed;
pub mod checks;
pub mod claims;
pub mod cli;
pub mod config;
pub mod embedded;
pub mod error;
pub mod events;
pub mod examples;
pub mod extract;
pub mod findings;
pub mod gazetteer;
pub mod grammar;
pub mod graph;
pub mod invariants;
pub mod lexicon;
pub mod markup;
pub mod names;
pub mod np;
pub mod numbers;
pub mod props;
pub mod ranges;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod segment;
pub mod source;
pub mod suppress;
pub mod time;
pub mod tokens;

pub use analysis::{Analysis, Options};
pub use error::Error;
pub use rules::RuleSet;
