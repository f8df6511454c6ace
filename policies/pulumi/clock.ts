import { isCalendarDate } from "../core/exemptions";

/** The environment variable that fixes the pack's date (`YYYY-MM-DD`), e.g. in tests. */
export const TODAY_VARIABLE = "BACKUP_GUARD_TODAY";

/** Today's date in UTC, `YYYY-MM-DD`. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The clock exemptions are judged with: `BACKUP_GUARD_TODAY` when set, else the current UTC date (read
 * on each call). An invalid value is an error, and is kept as the clock rather than replaced by a guess:
 * no exemption can be checked against it, so none is granted (fail closed).
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): { today: () => string; error?: string } {
  const fixed = env[TODAY_VARIABLE];
  if (fixed === undefined || fixed.trim() === "") return { today: () => utcToday() };
  const value = fixed.trim();
  return isCalendarDate(value) ? { today: () => value } : { today: () => value, error: `${TODAY_VARIABLE} is "${fixed}", not a date written YYYY-MM-DD` };
}
