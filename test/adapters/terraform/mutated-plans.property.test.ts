import fc from "fast-check";
import { InputError } from "../../../policies/adapters/input-error";
import { stackFromTerraformPlan } from "../../../policies/adapters/terraform/plan-to-stack";
import { JsonValue, isJsonObject } from "../../../policies/core/json";
import { evaluateStack } from "../../../policies/evaluate-stack";
import { OVH_FIXTURES } from "./ovh-fixtures";
import { TWIN_FIXTURES } from "./twin-fixtures";
import { terraformTwin } from "./twin-designs";

/** Fixed so that CI is deterministic; set FC_SEED to explore other mutations locally. */
const SEED = process.env["FC_SEED"] ? Number(process.env["FC_SEED"]) : 20261202;

type Path = Array<string | number>;

function paths(value: JsonValue, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (isJsonObject(value)) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

interface Mutation {
  readonly at: number;
  readonly op: "delete" | "replace" | "wrap" | "stringify";
  readonly value: JsonValue;
}

function mutate(root: JsonValue, mutation: Mutation): JsonValue {
  const all = paths(root);
  const path = all[mutation.at % all.length];
  const apply = (current: JsonValue): JsonValue => {
    switch (mutation.op) {
      case "replace":
        return mutation.value;
      case "wrap":
        return [current];
      case "stringify":
        return JSON.stringify(current);
      default:
        return current;
    }
  };
  if (path.length === 0) return mutation.op === "delete" ? null : apply(root);
  const copy = structuredClone(root);
  let parent: JsonValue = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, JsonValue>)[step];
  const last = path[path.length - 1];
  if (mutation.op === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else if (isJsonObject(parent)) delete parent[last as string];
  } else {
    (parent as Record<string | number, JsonValue>)[last] = apply((parent as Record<string | number, JsonValue>)[last]);
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("delete" as const, "replace" as const, "wrap" as const, "stringify" as const),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>, fc.constantFrom<JsonValue>(true, null, "", "module.", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", [], {})),
});

describe("mutated Terraform plans", () => {
  it("never make the adapter throw anything but an InputError, nor the evaluation fail", () => {
    const plans = [...TWIN_FIXTURES.map((f) => terraformTwin(f.design, f.style) as JsonValue), ...OVH_FIXTURES.map((f) => f.plan() as JsonValue)];
    fc.assert(
      fc.property(fc.nat(plans.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const plan = mutations.reduce(mutate, plans[which]);
        let stack;
        try {
          stack = stackFromTerraformPlan(plan, { defaultRegion: "eu-west-1" });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).not.toBe("");
          return;
        }
        const evaluation = evaluateStack(stack, {}, { today: "2026-12-02" });
        expect(evaluation.findings.filter((f) => f.outcome === "error" && f.code === "internal-error")).toEqual([]);
      }),
      { seed: SEED, numRuns: 250 },
    );
  });
});
