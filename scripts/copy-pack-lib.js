// Copies the compiled rule core (dist/policies) into policypack/lib, so that the pack directory holds
// everything it needs at run time (that is what `npm pack` / `pulumi policy publish` upload).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const from = path.join(root, "dist", "policies");
const to = path.join(root, "policypack", "lib");
fs.rmSync(to, { recursive: true, force: true });
fs.cpSync(from, to, {
  recursive: true,
  filter: (src) => !src.endsWith(".map") && !src.endsWith(".tsbuildinfo"),
});
