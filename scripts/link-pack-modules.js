// The Pulumi CLI starts a policy pack with `node node_modules/@pulumi/pulumi/cmd/run-policy-pack`
// from the pack's own directory. The pack's dependencies are installed once at the repository
// root, so policypack/node_modules is a link to ../node_modules (npm pack never includes it).
"use strict";
const fs = require("fs");
const path = require("path");

const link = path.join(__dirname, "..", "policypack", "node_modules");
try {
  fs.lstatSync(link);
} catch {
  fs.symlinkSync(path.join("..", "node_modules"), link, "dir");
}
