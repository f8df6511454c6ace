import { Fact, known, unknown } from "../core/facts";
import { JsonValue } from "../core/json";
import { readNumber, readRaw, readString } from "../core/raw-values";

/**
 * Days a DLM schedule keeps its snapshots. `byInterval` is its `retainRule.interval`/`intervalUnit` in
 * days (absent when the rule sets no interval); a count-based rule (`retainRule.count`) keeps the last
 * `count` snapshots, which cover `count` × the `createRule` interval (in hours). Unknown when that cannot
 * be computed (a cron schedule, values unknown in preview, no retain rule at all): never absent, since a
 * DLM schedule always deletes its snapshots eventually.
 */
export function dlmScheduleRetention(schedule: JsonValue, byInterval: Fact<number>): Fact<number> {
  if (byInterval.state !== "absent") return byInterval;
  const count = readNumber(schedule, ["retainRule", "count"]);
  if (count.state === "unknown") return count;
  if (count.state === "absent") {
    const rule = readRaw(schedule, ["retainRule"]);
    return rule.state === "unknown" ? rule : unknown("the schedule's retainRule sets neither interval nor count");
  }
  const interval = readNumber(schedule, ["createRule", "interval"]);
  const unit = readString(schedule, ["createRule", "intervalUnit"]);
  const kept = `retainRule.count ${count.value} keeps the last ${count.value} snapshots`;
  if (interval.state === "unknown" || unit.state === "unknown") return unknown(`${kept}, and createRule.interval or intervalUnit is unknown during preview`);
  if (interval.state === "known") {
    if (unit.state === "known" && unit.value.toUpperCase() !== "HOURS") return unknown(`${kept}, and createRule.intervalUnit ${unit.value} is not HOURS`);
    const days = (count.value * interval.value) / 24;
    return known(days, `retainRule.count ${count.value} × createRule.interval ${interval.value} hours`);
  }
  const cron = readString(schedule, ["createRule", "cronExpression"]);
  if (cron.state === "known") return unknown(`${kept} of the cron schedule "${cron.value}", whose span in days is not computed`);
  return unknown(`${kept}, and createRule sets no interval`);
}
