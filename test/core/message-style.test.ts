import { evaluateRule } from "../../policies/core/evaluate-rule";
import { FIRST_SENTENCE_MAX, MESSAGE_STYLE_ENV, MESSAGE_STYLE_PENDING_ENV, firstSentence, firstSentenceProblem } from "../../policies/core/message-style";
import { ProtectionModel } from "../../policies/core/protection-model";
import { CommonRuleConfig, Rule } from "../../policies/core/rule";
import { RULES } from "../../policies/rules";
import { MESSAGE_STYLE_PENDING } from "../support/message-style-pending";

const EMPTY_MODEL: ProtectionModel = { routes: [], immutabilityControls: [], wholeStack: true, zonalResources: [], dataStores: [], vaults: [], problems: [] };

/** A rule (with backup-restore-testing's metadata, a checked rule) that reports one finding with `message`. */
function ruleSaying(message: string): Rule<CommonRuleConfig> {
  const meta = RULES.find((rule) => rule.meta.id === "backup-restore-testing")?.meta as Rule<CommonRuleConfig>["meta"];
  return {
    meta,
    check(_model, context) {
      context.report({ urn: "urn:x", outcome: "violation", code: "c", subject: "", message });
    },
  };
}

describe("the first-sentence rule", () => {
  it("accepts a first sentence of at most 160 characters followed by the explanation", () => {
    expect(firstSentenceProblem('Copy of Table "orders" stays in eu-west-3, the primary\'s region. A regional disaster destroys both.')).toBeUndefined();
    expect(firstSentenceProblem(`${"a".repeat(FIRST_SENTENCE_MAX - 1)}.`)).toBeUndefined();
  });

  it("refuses a first sentence longer than 160 characters, or a message without a sentence end", () => {
    expect(firstSentenceProblem(`${"a".repeat(FIRST_SENTENCE_MAX)}. More.`)).toBe("its first sentence has 161 characters (at most 160)");
    expect(firstSentenceProblem("no sentence end")).toBe("it does not start with a sentence (no sentence end found)");
    expect(firstSentence('use e.g. new aws.Provider("dr") in v0.1.0. "dr" is a name.')).toBe('use e.g. new aws.Provider("dr") in v0.1.0.');
  });

  it("makes a rule that emits a breaking message fail while the test suites check messages", () => {
    expect(process.env[MESSAGE_STYLE_ENV]).toBe("1");
    const evaluation = evaluateRule(ruleSaying(`${"x".repeat(170)}. Fix it.`), EMPTY_MODEL, {});
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.internalError).toBe(`Error: message of backup-restore-testing (c) breaks the first-sentence rule: its first sentence has 171 characters (at most 160): ${JSON.stringify(`${"x".repeat(170)}. Fix it.`)}`);
    expect(evaluateRule(ruleSaying("Short and clear. Then the rest."), EMPTY_MODEL, {}).findings).toHaveLength(1);
  });

  it("checks every rule of the pack: none is pending any more", () => {
    expect(MESSAGE_STYLE_PENDING).toEqual([]);
    expect(process.env[MESSAGE_STYLE_PENDING_ENV]).toBe("");
  });
});
