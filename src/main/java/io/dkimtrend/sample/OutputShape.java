package io.dkimtrend.sample;

/** The three ways Defender telemetry reaches a job; each row and re-delivery is written in one of them. */
enum OutputShape {
    /** Streaming API to Event Hubs: envelopes of many records. */
    EVENT_HUBS,
    /** Streaming API to a storage account: one bare record per line in hourly blobs. */
    STORAGE,
    /** An Advanced Hunting query's result: flat rows, columns at top level. */
    ADVANCED_HUNTING
}
