//! Helpers shared by the benchmarks (and `examples/bench_corpus.rs`).
pub mod corpus;
