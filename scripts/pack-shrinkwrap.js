// Writes policypack/npm-shrinkwrap.json: the part of the root package-lock.json that the pack's runtime
// dependencies need, so that `pulumi policy publish` ships, and every `npm install` of the published pack
// installs, exactly the versions the tests ran with. `npm run shrinkwrap` after changing dependencies;
// test/policypack/packaging.test.ts fails while the file differs from what this script would write.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");

/** Where npm finds `name` for the package installed at `from` (a lockfile "packages" key). */
function locate(packages, from, name) {
  let at = from;
  for (;;) {
    const candidate = `${at ? `${at}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!at) return undefined;
    const cut = at.lastIndexOf("/node_modules/");
    at = cut < 0 ? "" : at.slice(0, cut);
  }
}

/** The shrinkwrap of `manifest` (the pack's package.json) cut from `lock` (the root package-lock.json). */
function buildShrinkwrap(lock, manifest) {
  const packages = lock.packages || {};
  const out = {};
  const missing = [];
  const queue = Object.keys(manifest.dependencies || {}).map((name) => ["", name, false]);
  while (queue.length > 0) {
    const [from, name, optional] = queue.shift();
    const at = locate(packages, from, name);
    if (!at) {
      if (!optional) missing.push(`${name} (needed by ${from || manifest.name})`);
      continue;
    }
    if (out[at]) continue;
    const entry = { ...packages[at] };
    delete entry.dev;
    delete entry.devOptional;
    delete entry.peer;
    out[at] = entry;
    for (const dep of Object.keys(entry.dependencies || {})) queue.push([at, dep, false]);
    for (const dep of Object.keys(entry.optionalDependencies || {})) queue.push([at, dep, true]);
    const peerMeta = entry.peerDependenciesMeta || {};
    for (const dep of Object.keys(entry.peerDependencies || {})) queue.push([at, dep, Boolean(peerMeta[dep] && peerMeta[dep].optional)]);
  }
  if (missing.length > 0) throw new Error(`the root package-lock.json lacks ${missing.join(", ")}: run npm install at the root`);
  for (const [name, range] of Object.entries(manifest.dependencies || {})) {
    const locked = out[`node_modules/${name}`];
    if (!locked || locked.version !== range) {
      throw new Error(`policypack/package.json pins ${name}@${range} but the root lockfile has ${locked ? locked.version : "none"}: pin the same version in both`);
    }
  }
  const sorted = Object.fromEntries(Object.keys(out).sort().map((key) => [key, out[key]]));
  return {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: manifest.name, version: manifest.version, license: manifest.license, dependencies: manifest.dependencies },
      ...sorted,
    },
  };
}

/** The shrinkwrap text for the repository's pack. */
function packShrinkwrapText() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "policypack", "package.json"), "utf8"));
  return JSON.stringify(buildShrinkwrap(lock, manifest), null, 2) + "\n";
}

module.exports = { buildShrinkwrap, packShrinkwrapText };

if (require.main === module) {
  const file = path.join(root, "policypack", "npm-shrinkwrap.json");
  fs.writeFileSync(file, packShrinkwrapText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
