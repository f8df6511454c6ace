/** Starts the line on which a benchmarked process reports its resource usage. */
export const USAGE_MARKER = "backup-guard-bench-usage ";
