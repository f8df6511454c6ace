// Preloaded (`node --require`) into the command by bench/cli-bench.ts: on exit, prints the process's own
// CPU time and peak memory on one marked line of standard error.
import { USAGE_MARKER } from "./usage-marker";

process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(`${USAGE_MARKER}${JSON.stringify({ cpuMs, maxRssMb: usage.maxRSS / 1024 })}\n`);
});
