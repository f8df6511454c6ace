import fc from "fast-check";
import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedResource } from "../../policies/core/planned-stack";
import { leavesOut, readSetting } from "../../policies/core/settings";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../policies/core/unknowns";
import { UNKNOWN } from "../support/planned-stack-builder";

function resource(props: JsonObject, extra: Partial<PlannedResource> = {}): PlannedResource {
  return { urn: "urn:x", type: "aws:s3/bucket:Bucket", name: "x", props, origin: "outputs", dependencies: [], propertyDependencies: {}, ...extra };
}

describe("leavesOut: a setting surely left out, told without copying the settled properties", () => {
  it("holds for a key the properties lack or hold null, and not for one they set (even to an unknown)", () => {
    const r = resource({ versioning: { enabled: true }, objectLockEnabled: null, arn: UNKNOWN });
    expect(leavesOut(r, "replicationConfiguration")).toBe(true);
    expect(leavesOut(r, "objectLockEnabled")).toBe(true);
    expect(leavesOut(r, "versioning")).toBe(false);
    expect(leavesOut(r, "arn")).toBe(false);
  });

  it("does not hold for properties that are a wrapped secret, nor for a key every plain object inherits", () => {
    expect(leavesOut(resource({ [SPECIAL_SIG_KEY]: SECRET_SIG, value: { versioning: { enabled: true } } }), "versioning")).toBe(false);
    expect(leavesOut(resource({}), "toString")).toBe(false);
    // A "__proto__" key, own as JSON.parse makes it, becomes the settled copy's prototype: what it holds is read through it.
    expect(leavesOut(resource(JSON.parse('{"__proto__": {"versioning": {"enabled": true}}}') as JsonObject), "versioning")).toBe(false);
  });

  it("holds only where readSetting finds the setting absent, whatever the properties", () => {
    const keys = ["versioning", "arn", "region", "toString", "__proto__", SPECIAL_SIG_KEY, "value"];
    const value: fc.Arbitrary<JsonValue> = fc.constantFrom<JsonValue>(null, UNKNOWN, "x", 3, true, { enabled: true }, { versioning: { enabled: true } }, [1], SECRET_SIG, { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "s" });
    const props = fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 5 }).map((entries) => {
      // Built as JSON.parse builds a plan: a "__proto__" key is an own property.
      const out: JsonObject = {};
      for (const [key, v] of entries) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
    fc.assert(
      fc.property(props, fc.constantFrom<"inputs" | "outputs">("inputs", "outputs"), fc.constantFrom(...keys), (p, origin, key) => {
        const r = resource(p, { origin });
        if (leavesOut(r, key)) expect(readSetting(r, [key, "enabled"]).state).toBe("absent");
      }),
      { numRuns: 500 },
    );
  });
});
