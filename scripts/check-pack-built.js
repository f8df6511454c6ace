// `prepack` of policypack/: refuses to pack (and so `pulumi policy publish`) a pack whose compiled
// rules are missing, or older than the sources they are built from when those are at hand (in the
// repository, ../policies). Run `npm run build` at the repository root first.
"use strict";
const fs = require("fs");
const path = require("path");

/** Problems that make `packDir` unfit to pack; empty when it is built and current. */
function packBuildProblems(packDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
  const lib = path.join(packDir, "lib");
  const problems = [];
  if (!fs.existsSync(path.join(packDir, manifest.main))) problems.push(`${manifest.main} is missing`);
  const sources = path.join(packDir, "..", "policies");
  if (fs.existsSync(sources)) {
    const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const source of walk(sources).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))) {
      const relative = path.relative(sources, source).replace(/\.ts$/, ".js");
      const built = path.join(lib, relative);
      if (!fs.existsSync(built)) problems.push(`lib/${relative} is missing`);
      else if (fs.statSync(built).mtimeMs < fs.statSync(source).mtimeMs) problems.push(`lib/${relative} is older than policies/${relative.replace(/\.js$/, ".ts")}`);
    }
  }
  return problems;
}

module.exports = { packBuildProblems };

if (require.main === module) {
  const problems = packBuildProblems(process.cwd());
  if (problems.length > 0) {
    process.stderr.write(`backup-guard pack is not built or is stale (${problems.slice(0, 5).join("; ")}${problems.length > 5 ? `; and ${problems.length - 5} more` : ""}): run \`npm run build\` at the repository root before packing or publishing.\n`);
    process.exit(1);
  }
}
