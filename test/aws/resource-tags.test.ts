import { ResourceTagMap, resourceTags } from "../../policies/aws/tags";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { PlannedStack, StackIndex } from "../../policies/core/planned-stack";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

describe("resource tags", () => {
  it("are the tag map, {} when none is set, and undefined when the map or a value is unknown or not a string", () => {
    const b = new PlannedStackBuilder();
    const tagged = b.add(AWS_TYPES.s3Bucket, "tagged", { tags: { team: "web", "backup-guard:protected": "" } });
    expect(resourceTags(tagged)).toEqual({ team: "web", "backup-guard:protected": "" });
    expect(resourceTags(b.add(AWS_TYPES.s3Bucket, "bare", {}))).toEqual({});
    expect(resourceTags(b.add(AWS_TYPES.s3Bucket, "unknown", { tags: UNKNOWN }))).toBeUndefined();
    expect(resourceTags(b.add(AWS_TYPES.s3Bucket, "value", { tags: { team: UNKNOWN } }))).toBeUndefined();
    expect(resourceTags(b.add(AWS_TYPES.s3Bucket, "number", { tags: { size: 3 } }))).toBeUndefined();
    expect(resourceTags(undefined)).toBeUndefined();
  });

  it("by URN are looked up on demand, and iterate like a map of every resource (a repeated URN once, with the last one's tags)", () => {
    const b = new PlannedStackBuilder();
    const a = b.add(AWS_TYPES.s3Bucket, "a", { tags: { team: "web" } });
    const c = b.add(AWS_TYPES.dynamodbTable, "c", { tags: UNKNOWN });
    const stack: PlannedStack = { ...b.stack(), resources: [a, c, { ...a, props: { tags: { team: "data" } } }] };
    const tags = new ResourceTagMap(new StackIndex(stack));
    expect(tags.get(a.urn)).toEqual({ team: "data" });
    expect(tags.has(c.urn)).toBe(true);
    expect(tags.get(c.urn)).toBeUndefined();
    expect(tags.has("urn:elsewhere")).toBe(false);
    expect(tags.get("urn:elsewhere")).toBeUndefined();
    expect(tags.size).toBe(2);
    expect([...tags]).toEqual([
      [a.urn, { team: "data" }],
      [c.urn, undefined],
    ]);
    expect(new Map(tags)).toEqual(new Map([...tags.entries()]));
    expect([...tags.keys()]).toEqual([a.urn, c.urn]);
    expect([...tags.values()]).toEqual([{ team: "data" }, undefined]);
    const seen: unknown[] = [];
    tags.forEach((value, key, map) => seen.push([key, value, map === tags]));
    expect(seen).toEqual([
      [a.urn, { team: "data" }, true],
      [c.urn, undefined, true],
    ]);
  });
});
