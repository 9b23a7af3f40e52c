import Testing

/// Every end-to-end suite, one test at a time: each drives the real binary in its own terminal,
/// and several at once on a two-core machine would time one another out. The tests wait without
/// holding a thread (`poll`), so the rest of the run goes on beside them.
@Suite(.serialized) enum EndToEnd {}
