import { AwsModelOptions, buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { Finding } from "../../policies/core/findings";
import { PlannedStack } from "../../policies/core/planned-stack";
import { RULES } from "../../policies/rules";

/** Runs one rule over a planned stack (deep-frozen, so that a rule that mutates its input fails). */
export function findingsOf(ruleId: string, stack: PlannedStack, config: Record<string, unknown> = {}, options: AwsModelOptions = {}): Finding[] {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const evaluation = rule.evaluate(buildAwsProtectionModel(deepFreeze(stack), options), config);
  if (evaluation.configErrors.length > 0) throw new Error(evaluation.configErrors.join("; "));
  if (evaluation.internalError) throw new Error(evaluation.internalError);
  return [...evaluation.findings];
}

/** The identity of findings, for tests that pin outcomes of many variants. */
export function outcomesOf(ruleId: string, stack: PlannedStack, config: Record<string, unknown> = {}, options: AwsModelOptions = {}): string[] {
  return findingsOf(ruleId, stack, config, options).map((f) => `${f.outcome} ${f.code} ${f.urn.split("::").pop()} ${f.subject}`.trim());
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
