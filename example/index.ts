// The bundled example program (Pulumi.yaml `main: example/`). `npm start` runs it offline under Pulumi
// mocks in preview mode, once per stack, and sends what the engine would send to the backup-guard pack.
// Config `backup-guard-example:cloud` picks the design: `aws` (stacks `blocked`, `passing`) or `ovh`
// (the Strasbourg case: stacks `strasbourg-blocked`, `strasbourg-fixed`).
import * as pulumi from "@pulumi/pulumi";

const cloud = new pulumi.Config().get("cloud") ?? "aws";
// Only the chosen design may register resources, so it is loaded on demand.
if (cloud === "ovh") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("./strasbourg");
} else if (cloud === "aws") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("./aws-orders");
} else {
  throw new Error(`config backup-guard-example:cloud must be "aws" or "ovh", not "${cloud}"`);
}
