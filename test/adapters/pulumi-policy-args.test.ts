import fc from "fast-check";
import { PolicyResource, unknownCheckingProxy } from "@pulumi/policy";
import { ProviderConversions, convertPolicyResource, convertedMatches, sameAsJson, toJson } from "../../policies/adapters/pulumi-policy-args";
import { JsonObject } from "../../policies/core/json";
import { UNKNOWN } from "../support/planned-stack-builder";

/** Values as the runtime may hand them: JSON plus non-finite numbers, undefined, functions, sentinels (no -0: it equals 0 for every rule, and JSON cannot carry it). */
const oddValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom<unknown>(null, undefined, Number.NaN, Infinity, 0, 1, "", UNKNOWN, true, false, () => 1),
    fc.string({ maxLength: 3 }),
    fc.integer({ min: -3, max: 3 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("a", "b", "c"), tie("value"), { maxKeys: 3 }),
  ),
})).value;

function deepNest(depth: number): unknown {
  let value: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

describe("sameAsJson", () => {
  it("recognises every value as equal to its own conversion", () => {
    fc.assert(fc.property(oddValue, (value) => sameAsJson(value, toJson(value))));
  });

  it("answers equal only when converting would give the very same JSON", () => {
    fc.assert(
      fc.property(oddValue, oddValue, (a, b) => {
        const json = toJson(b);
        if (sameAsJson(a, json)) expect(toJson(a)).toEqual(json);
      }),
    );
  });

  it("reads through the runtime's unknown-checking proxy without throwing", () => {
    const props = { bucket: UNKNOWN, rules: [{ destination: { bucket: UNKNOWN } }] };
    expect(sameAsJson(unknownCheckingProxy(props), toJson(props))).toBe(true);
    expect(sameAsJson(unknownCheckingProxy(props), { bucket: UNKNOWN, rules: [{ destination: { bucket: "replica" } }] })).toBe(false);
  });

  it("tells a missing key, an extra key and a dropped value apart", () => {
    expect(sameAsJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameAsJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameAsJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameAsJson([undefined], [null])).toBe(true);
    expect(sameAsJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });

  it("applies the conversion's depth limit", () => {
    const deep = deepNest(70);
    expect(sameAsJson(deep, toJson(deep))).toBe(true);
    expect(sameAsJson(deep, toJson(deepNest(80)))).toBe(true);
    expect(sameAsJson(deepNest(10), toJson(deepNest(11)))).toBe(false);
  });
});

const PROVIDER_URN = "urn:pulumi:dev::proj::pulumi:providers:aws::dr";

function stackResource(name: string, props: JsonObject, providerProps: JsonObject, deps: Record<string, PolicyResource[]> = {}): PolicyResource {
  return {
    type: "aws:backup/vault:Vault",
    name,
    urn: `urn:pulumi:dev::proj::aws:backup/vault:Vault::${name}`,
    props: unknownCheckingProxy(props),
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
    provider: { urn: PROVIDER_URN, type: "pulumi:providers:aws", name: "dr", props: unknownCheckingProxy(providerProps) },
    dependencies: Object.values(deps).flat(),
    propertyDependencies: deps,
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

describe("ProviderConversions", () => {
  it("shares one converted provider between resources whose provider copies are equal", () => {
    const providers = new ProviderConversions();
    const a = convertPolicyResource(stackResource("a", { name: "a" }, { region: "us-west-2" }), undefined, providers).planned;
    const b = convertPolicyResource(stackResource("b", { name: "b" }, { region: "us-west-2" }), undefined, providers).planned;
    expect(a.provider).toEqual({ urn: PROVIDER_URN, type: "pulumi:providers:aws", name: "dr", props: { region: "us-west-2" } });
    expect(b.provider).toBe(a.provider);
  });

  it("converts a provider again when a copy with the same URN differs", () => {
    const providers = new ProviderConversions();
    const a = convertPolicyResource(stackResource("a", { name: "a" }, { region: "us-west-2" }), undefined, providers).planned;
    const b = convertPolicyResource(stackResource("b", { name: "b" }, { region: UNKNOWN }), undefined, providers).planned;
    expect(a.provider?.props).toEqual({ region: "us-west-2" });
    expect(b.provider?.props).toEqual({ region: UNKNOWN });
  });
});

describe("convertedMatches", () => {
  const target = stackResource("dr", { name: "dr" }, { region: "us-west-2" });
  const inputs: JsonObject = { name: "dr", forceDestroy: false };

  it("matches a fresh copy of the same resource with the same inputs", () => {
    const converted = convertPolicyResource(stackResource("v", { name: "v", arn: UNKNOWN }, { region: "us-west-2" }, { name: [target] }), inputs);
    expect(convertedMatches(stackResource("v", { name: "v", arn: UNKNOWN }, { region: "us-west-2" }, { name: [target] }), inputs, converted)).toBe(true);
  });

  it("does not match when outputs, provider, dependencies or inputs differ", () => {
    const converted = convertPolicyResource(stackResource("v", { name: "v", arn: UNKNOWN }, { region: "us-west-2" }, { name: [target] }), inputs);
    expect(convertedMatches(stackResource("v", { name: "v", arn: "arn:aws:backup:us-west-2:1:backup-vault:v" }, { region: "us-west-2" }, { name: [target] }), inputs, converted)).toBe(false);
    expect(convertedMatches(stackResource("v", { name: "v", arn: UNKNOWN }, { region: "eu-west-3" }, { name: [target] }), inputs, converted)).toBe(false);
    expect(convertedMatches(stackResource("v", { name: "v", arn: UNKNOWN }, { region: "us-west-2" }), inputs, converted)).toBe(false);
    expect(convertedMatches(stackResource("v", { name: "v", arn: UNKNOWN }, { region: "us-west-2" }, { name: [target] }), { ...inputs }, converted)).toBe(false);
  });
});
