import { clockFromEnv, utcToday } from "../../policies/pulumi/clock";

describe("utcToday", () => {
  it("gives the UTC date of a moment, as a Date or as milliseconds", () => {
    expect(utcToday(new Date("2026-12-02T13:45:00Z"))).toBe("2026-12-02");
    expect(utcToday(Date.UTC(2026, 11, 2, 13, 45))).toBe("2026-12-02");
    expect(utcToday(new Date("2026-12-02T23:30:00-02:00"))).toBe("2026-12-03");
  });

  it("turns to the next date at midnight UTC although the date is kept between calls", () => {
    expect(utcToday(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe("2026-12-31");
    expect(utcToday(Date.UTC(2027, 0, 1, 0, 0, 0, 0))).toBe("2027-01-01");
    expect(utcToday(Date.UTC(2027, 0, 1, 23, 59, 59, 999))).toBe("2027-01-01");
    // A clock set back gets the earlier date again.
    expect(utcToday(Date.UTC(2026, 11, 31, 12))).toBe("2026-12-31");
  });

  it("handles dates before the epoch and refuses an invalid moment", () => {
    expect(utcToday(Date.UTC(1969, 11, 31, 23, 59, 59, 999))).toBe("1969-12-31");
    expect(utcToday(Date.UTC(1970, 0, 1))).toBe("1970-01-01");
    expect(() => utcToday(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("is the pack's clock unless BACKUP_GUARD_TODAY fixes the date", () => {
    const before = new Date().toISOString().slice(0, 10);
    const today = clockFromEnv({}).today();
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(today);
    expect(clockFromEnv({ BACKUP_GUARD_TODAY: "2026-02-28" }).today()).toBe("2026-02-28");
  });
});
