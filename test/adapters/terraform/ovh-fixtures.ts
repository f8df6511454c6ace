// The OVHcloud Terraform plan fixtures, the builders that write them and the Pulumi designs they twin.
import * as path from "path";
import { JsonObject } from "../../../policies/core/json";
import { replicationDesign, volumeBackupDesign, workflowDesign } from "../../ovh/ovh-designs";
import { ovhPlan, replicationResources, strasbourgDatabase, volumeBackupResources, workflowResources } from "./ovh-plans";
import { terraformTwin } from "./twin-designs";
import { TWIN_FIXTURES } from "./twin-fixtures";

const ROOT = path.join(__dirname, "..", "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "terraform");
export const STRASBOURG_DIR = path.join(ROOT, "example", "terraform", "strasbourg");

/** The AWS twin mixed into an OVHcloud plan: a same-region copy (blocked by backup-cross-region-copy). */
export const MIXED_AWS = TWIN_FIXTURES.find((f) => f.file === "aliased-provider-region-from-variable.plan.json") as (typeof TWIN_FIXTURES)[number];

/** One OVHcloud fixture: where it is, how it is built, and its Pulumi twin: a program, or a stack of the bundled example (none for the mixed plan). */
export interface OvhFixture {
  readonly file: string;
  readonly plan: () => JsonObject;
  readonly pulumi?: (() => void) | { readonly exampleStack: string };
}

export const OVH_FIXTURES: readonly OvhFixture[] = [
  { file: path.join(STRASBOURG_DIR, "blocked.plan.json"), plan: () => withBackupRegions(ovhPlan([strasbourgDatabase(["SBG"])]), ["SBG"]), pulumi: { exampleStack: "strasbourg-blocked" } },
  { file: path.join(STRASBOURG_DIR, "fixed.plan.json"), plan: () => withBackupRegions(ovhPlan([strasbourgDatabase(["SBG", "GRA"])]), ["SBG", "GRA"]), pulumi: { exampleStack: "strasbourg-fixed" } },
  { file: path.join(FIXTURES, "ovh-workflow-unknown-instance.plan.json"), plan: () => ovhPlan(workflowResources()), pulumi: workflowDesign() },
  { file: path.join(FIXTURES, "ovh-volume-backups.plan.json"), plan: () => ovhPlan(volumeBackupResources()), pulumi: volumeBackupDesign() },
  { file: path.join(FIXTURES, "ovh-replication-same-site.plan.json"), plan: () => ovhPlan(replicationResources({ destinationRegion: "SBG" })), pulumi: replicationDesign({ destinationRegion: "SBG" }) },
  { file: path.join(FIXTURES, "ovh-replication-locked-other-site.plan.json"), plan: () => ovhPlan(replicationResources()), pulumi: replicationDesign() },
  {
    file: path.join(FIXTURES, "ovh-mixed-aws.plan.json"),
    plan: () => withBackupRegions(ovhPlan([strasbourgDatabase(["SBG"])], terraformTwin(MIXED_AWS.design, MIXED_AWS.style)), ["SBG"]),
  },
];

/** The root variable the Strasbourg database's backup_regions come from (`-var 'backup_regions=[...]'`). */
function withBackupRegions(plan: JsonObject, regions: readonly string[]): JsonObject {
  const variables = plan["variables"] as JsonObject;
  variables["backup_regions"] = { value: [...regions] };
  const root = (plan["configuration"] as JsonObject)["root_module"] as JsonObject;
  (root["variables"] as JsonObject)["backup_regions"] = { description: "Where OVHcloud keeps the database's backups", default: ["SBG"] };
  return plan;
}
