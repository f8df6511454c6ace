import * as fs from "fs";
import * as path from "path";
import { OVH_COVERAGE } from "../policies/ovh/coverage";
import { COPY_MECHANISMS } from "../policies/aws/copy-mechanisms";
import { RULES } from "../policies/rules";
import { renderAllDocs } from "../policies/docs/render-docs";

/** Writes docs/policies/*.md from the rules' metadata. Run with `npm run docs`. */
function main(): void {
  let root = __dirname;
  while (!fs.existsSync(path.join(root, "Pulumi.yaml"))) {
    const up = path.dirname(root);
    if (up === root) throw new Error("cannot find the repository root (Pulumi.yaml)");
    root = up;
  }
  const dir = path.join(root, "docs", "policies");
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of renderAllDocs(RULES.map((r) => r.meta), COPY_MECHANISMS, [OVH_COVERAGE])) {
    fs.writeFileSync(path.join(dir, file), content);
    console.log(`wrote docs/policies/${file}`);
  }
}

main();
