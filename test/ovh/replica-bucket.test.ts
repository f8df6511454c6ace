// Which in-stack bucket is the replica of an OVHcloud replication rule: the bucket of the rule's
// destination.name, in its destination.region (any case) and in the source's project; a namesake elsewhere is
// not the replica, so its Object Lock vouches for nothing.
import { stackFromDocument } from "../../cli/input-document";
import { JsonObject } from "../../policies/core/json";
import { evaluateStack } from "../../policies/evaluate-stack";
import { ovhPlan, replicationResources } from "../adapters/terraform/ovh-plans";
import { OVH_ACCOUNTS } from "./ovh-designs";

const REPLICA = "ovh_cloud_project_storage.exports-replica";
const SOURCE = "ovh_cloud_project_storage.exports";

/** The findings of the passing replication design (SBG → gra, compliance-locked replica) with the replica bucket changed. */
function findings(change: (replica: JsonObject) => void): string[] {
  const resources = replicationResources();
  const replica = resources.find((r) => r.name === "exports-replica");
  if (!replica) throw new Error("no replica");
  change(replica.after);
  const { stack } = stackFromDocument(ovhPlan(resources), { ovhAccounts: OVH_ACCOUNTS });
  const config = { "backup-offline-copy": { enforcementLevel: "disabled" } };
  return evaluateStack(stack, config, { today: "2026-12-03" }).findings.map((f) => `${f.level} ${f.outcome} ${f.policy} ${f.resource}: ${f.message.slice(0, f.message.indexOf(", so its Object Lock"))}`);
}

describe("the replica bucket of an OVHcloud replication rule", () => {
  it("is the namesake in the destination region, whatever the case of the codes (GRA for gra)", () => {
    expect(findings(() => undefined)).toEqual([]);
  });

  it("is not a namesake in another region: its lock cannot vouch for the replica", () => {
    const result = findings((replica) => (replica["region_name"] = "RBX"));
    expect(result).toEqual([
      `mandatory unresolved backup-immutable ${SOURCE}: Cannot prove that replica bucket "exports-replica" is immutable. It receives the replication rule 0 of replication of bucket "${SOURCE}": no bucket of this stack is replica bucket "exports-replica": bucket "${REPLICA}" has that name but is in RBX, not in destination.region gra`,
      `mandatory unresolved backup-retention-minimum ${SOURCE}: cannot check how long the replicas in replica bucket "exports-replica" are locked. They come from replication of bucket "${SOURCE}", and no bucket of this stack is replica bucket "exports-replica": bucket "${REPLICA}" has that name but is in RBX, not in destination.region gra`,
    ]);
  });

  it("is not a namesake in another project, even of the same account", () => {
    const result = findings((replica) => (replica["service_name"] = "00000000000000000000000000000001"));
    expect(result.map((r) => r.slice(0, r.indexOf(":")))).toEqual([`mandatory unresolved backup-immutable ${SOURCE}`, `mandatory unresolved backup-retention-minimum ${SOURCE}`]);
    expect(result[0]).toContain(`bucket "${REPLICA}" has that name but is in project 00000000000000000000000000000001, not in the source's project 0123456789abcdef0123456789abcdef, and OVHcloud replicates only within a project`);
  });
});
