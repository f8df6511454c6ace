import { stackFromTerraformPlan } from "../../../policies/adapters/terraform/plan-to-stack";
import { findingsOf } from "../../support/evaluate";
import { TerraformPlanBuilder, constant } from "./plan-builder";

/** aws_instance with root_block_device and ebs_block_device as a real plan shows them: computed attributes unknown. */
function instancePlan(rootDelete: boolean | undefined, ebsDelete: boolean | undefined) {
  const tf = new TerraformPlanBuilder();
  tf.provider("aws", { region: constant("eu-west-3"), allowed_account_ids: constant(["111111111111"]) });
  const block = (extra: Record<string, boolean | string | number>) => ({ tags: null, throughput: null, ...extra });
  tf.resource({
    type: "aws_instance",
    name: "web",
    after: {
      ami: "ami-1",
      instance_type: "t3.micro",
      availability_zone: "eu-west-3a",
      tags: { app: "web" },
      root_block_device: [block({ volume_size: 20, delete_on_termination: rootDelete ?? true })],
      ebs_block_device: [block({ device_name: "/dev/sdf", volume_size: 100, delete_on_termination: ebsDelete ?? true })],
    },
    afterUnknown: {
      arn: true,
      id: true,
      root_block_device: [{ encrypted: true, kms_key_id: true, volume_id: true, iops: true, device_name: true, volume_type: true, tags_all: true }],
      ebs_block_device: [{ encrypted: true, kms_key_id: true, volume_id: true, iops: true, volume_type: true, tags_all: true, snapshot_id: true }],
    },
    expressions: {
      ami: constant("ami-1"),
      root_block_device: [{ volume_size: constant(20), ...(rootDelete === undefined ? {} : { delete_on_termination: constant(rootDelete) }) }],
      ebs_block_device: [{ device_name: constant("/dev/sdf"), volume_size: constant(100), ...(ebsDelete === undefined ? {} : { delete_on_termination: constant(ebsDelete) }) }],
    },
  });
  return stackFromTerraformPlan(tf.plan());
}

describe("Terraform aws_instance with inline EBS volumes", () => {
  it("judges root_block_device and ebs_block_device like the Pulumi shapes (delete_on_termination default true)", () => {
    const stack = instancePlan(undefined, false);
    expect(findingsOf("backup-retention-minimum", stack).map((f) => `${f.outcome} ${f.subject}`)).toEqual(["violation rootBlockDevice.deleteOnTermination"]);
    expect(findingsOf("backup-coverage", stack).map((f) => f.outcome)).toEqual(["violation"]);
    expect(findingsOf("backup-zone-separation", stack).map((f) => f.outcome)).toEqual(["violation"]);
  });
});
