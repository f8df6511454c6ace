import { findingLevel, findingText } from "../../policies/core/finding-level";
import { Finding, Outcome, outranks } from "../../policies/core/findings";

function finding(outcome: Outcome, exemption?: Finding["exemption"]): Finding {
  return { ruleId: "backup-deletion-protection", urn: "urn:x", outcome, code: "no-vault-policy", subject: "", message: "m.", ...(exemption ? { exemption } : {}) };
}

describe("finding levels and texts", () => {
  it("reports an advisory outcome as advisory whatever the policy's level and onUnresolved, with its message unchanged", () => {
    expect(findingLevel(finding("advisory"), "mandatory", "mandatory")).toBe("advisory");
    expect(findingLevel(finding("advisory"), "advisory", "mandatory")).toBe("advisory");
    expect(findingText(finding("advisory"), "mandatory")).toBe("m.");
  });

  it("keeps a violation at the policy's level and an unresolved finding at the level onUnresolved asks", () => {
    expect(findingLevel(finding("violation"), "mandatory", "advisory")).toBe("mandatory");
    expect(findingLevel(finding("unresolved"), "mandatory", "mandatory")).toBe("mandatory");
    expect(findingLevel(finding("unresolved"), "mandatory", "advisory")).toBe("advisory");
  });

  it("appends a refused exemption's note to an advisory finding, which stays advisory", () => {
    const refused = finding("advisory", { state: "refused", note: "exemption refused: expired" });
    expect(findingLevel(refused, "mandatory", "mandatory")).toBe("advisory");
    expect(findingText(refused, "mandatory")).toBe("m. [exemption refused: expired]");
  });

  it("ranks a violation above unresolved, and unresolved above advisory, when one problem is reached twice", () => {
    expect(outranks("violation", "unresolved")).toBe(true);
    expect(outranks("unresolved", "advisory")).toBe(true);
    expect(outranks("violation", "advisory")).toBe(true);
    expect(outranks("advisory", "unresolved")).toBe(false);
    expect(outranks("unresolved", "unresolved")).toBe(false);
  });
});
