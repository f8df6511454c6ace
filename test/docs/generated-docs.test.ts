import * as fs from "fs";
import * as path from "path";
import { OVH_COVERAGE } from "../../policies/ovh/coverage";
import { renderAllDocs } from "../../policies/docs/render-docs";
import { COPY_MECHANISMS } from "../../policies/aws/copy-mechanisms";
import { RULES } from "../../policies/rules";

const DOCS = path.join(__dirname, "..", "..", "docs", "policies");

describe("generated policy docs", () => {
  it("are committed and identical to what the rules' metadata generates (run `npm run docs`)", () => {
    const expected = renderAllDocs(RULES.map((r) => r.meta), COPY_MECHANISMS, [OVH_COVERAGE]);
    const committed = fs.readdirSync(DOCS).filter((f) => f.endsWith(".md")).sort();
    expect(committed).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) {
      expect(`${file}:\n${fs.readFileSync(path.join(DOCS, file), "utf8")}`).toBe(`${file}:\n${content}`);
    }
  });
});
