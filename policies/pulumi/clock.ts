import { isCalendarDate } from "../core/exemptions";

/** The environment variable that fixes the pack's date (`YYYY-MM-DD`), e.g. in tests. */
export const TODAY_VARIABLE = "BACKUP_GUARD_TODAY";

const DAY_MS = 86_400_000;

/** The last UTC day asked for, as a day number since the epoch and as text. */
let lastDay: { readonly day: number; readonly text: string } | undefined;

/**
 * Today's date in UTC, `YYYY-MM-DD`. Every policy asks on every call, so the text is kept for the current
 * day and rebuilt only when the day number (whole days since the epoch, which is what a UTC date is)
 * changes: a call after midnight UTC gets the new date.
 */
export function utcToday(now: Date | number = Date.now()): string {
  const ms = typeof now === "number" ? now : now.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (lastDay?.day !== day) {
    if (!Number.isFinite(day)) return new Date(ms).toISOString().slice(0, 10); // throws RangeError, as before
    lastDay = { day, text: new Date(day * DAY_MS).toISOString().slice(0, 10) };
  }
  return lastDay.text;
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
