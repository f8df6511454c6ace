import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-zone-separation";
const FS = "urn:pulumi:dev::proj::aws:efs/fileSystem:FileSystem::fs";
const REPLICATION = "urn:pulumi:dev::proj::aws:efs/replicationConfiguration:ReplicationConfiguration::repl";

/** A One Zone file system in eu-west-3a replicated with the given destination. */
function efsDesign(destination: Record<string, string>, fsProps: Record<string, string> = { availabilityZoneName: "eu-west-3a" }) {
  const b = new PlannedStackBuilder();
  const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { ...fsProps, id: UNKNOWN });
  b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination }, { propertyDependencies: { sourceFileSystemId: [fs] } });
  return b;
}

describe("backup-zone-separation", () => {
  it("flags an EFS One Zone file system replicated into its own zone, on the file system and on the replication", () => {
    expect(findingsOf(ID, efsDesign({ availabilityZoneName: "eu-west-3a" }).stack())).toEqual([
      {
        ruleId: ID,
        urn: FS,
        outcome: "violation",
        code: "no-copy-outside-zone",
        subject: "",
        message:
          'FileSystem "fs" keeps its data in availability zone eu-west-3a (EFS One Zone file system), and its only backups and copies stay there too: replica → the replica file system of "repl" (both in availability zone eu-west-3a). ' +
          "The loss of that zone destroys the data and every copy. Keep at least one backup or copy outside the primary's availability zone: back it up with AWS Backup (vaults span the zones of their region), turn on the service's automatic backups, or replicate into another zone or region.",
      },
      {
        ruleId: ID,
        urn: REPLICATION,
        outcome: "violation",
        code: "same-zone-copy",
        subject: "",
        message:
          'EFS replication "repl" of FileSystem "fs" copies a single-zone primary into the same availability zone: replica → the replica file system of "repl": both in availability zone eu-west-3a, like FileSystem "fs". ' +
          "One zone failure (fire, flood, power) destroys the data and its copy together. Replicate into another zone or region (e.g. omit destination.availabilityZoneName for a Regional replica, or set destination.region).",
      },
    ]);
  });

  it("passes a One Zone replica in another zone, and a Regional replica", () => {
    expect(findingsOf(ID, efsDesign({ availabilityZoneName: "eu-west-3b" }).stack())).toEqual([]);
    expect(findingsOf(ID, efsDesign({ region: "eu-central-1" }).stack())).toEqual([]);
    expect(findingsOf(ID, efsDesign({}).stack())).toEqual([]);
  });

  it("does not judge a Regional (multi-zone) file system", () => {
    expect(findingsOf(ID, efsDesign({ availabilityZoneName: "eu-west-3a" }, {}).stack())).toEqual([]);
  });

  it("reports a replica zone unknown in preview as unresolved", () => {
    expect(outcomesOf(ID, efsDesign({ availabilityZoneName: UNKNOWN }).stack())).toEqual([
      "unresolved unresolved-zone fs",
      "unresolved unresolved-zone repl",
    ]);
  });

  it("with requiredSeparation region, a replica in another zone of the same region is not enough", () => {
    expect(outcomesOf(ID, efsDesign({ availabilityZoneName: "eu-west-3b" }).stack(), { requiredSeparation: "region" })).toEqual([
      "violation no-copy-outside-region fs",
      "violation same-region-copy repl",
    ]);
  });
});
