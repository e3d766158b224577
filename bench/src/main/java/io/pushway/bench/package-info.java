/**
 * The benchmark harness (docs/performance.md). {@link io.pushway.bench.Bench} runs the scenarios of a
 * {@link io.pushway.bench.Plan} against a {@link io.pushway.bench.Target} (a running stack) over the real
 * protocols — HTTPS publish (HTTP/2, single and batch) and one HTTP/1.1 SSE connection per subscriber —
 * and writes a {@link io.pushway.bench.Report} (JSON and markdown, medians over the runs). Every payload
 * carries its intended send time in epoch microseconds; latency is measured from that time, so an
 * open-loop publisher that falls behind shows up in the numbers instead of hiding (no coordinated omission).
 */
package io.pushway.bench;
