import { COPY_MECHANISMS } from "../../policies/aws/copy-mechanisms";
import { AWS_ANALYSED_TYPES, AWS_TYPES } from "../../policies/aws/type-tokens";
import { RULES } from "../../policies/rules";

describe("the copy-mechanism catalogue (docs/policies/copy-mechanisms.md)", () => {
  const catalogued = new Set(COPY_MECHANISMS.flatMap((m) => m.types));

  it("names only type tokens the model reads", () => {
    const known = new Set<string>(Object.values(AWS_TYPES));
    expect([...catalogued].filter((t) => !known.has(t))).toEqual([]);
  });

  it("documents every type the pack analyses", () => {
    expect([...AWS_ANALYSED_TYPES].filter((t) => !catalogued.has(t))).toEqual([]);
  });

  it("names only existing policies", () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    const named = COPY_MECHANISMS.flatMap((m) => m.judgedBy.flatMap((j) => j.match(/backup-[a-z-]+[a-z]/g) ?? []));
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });
});
