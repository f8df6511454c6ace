// Start-up failures of a policy pack: each needs a pack process of its own (they die at once).
import { PolicyPackStartError, startPolicyPack } from "../../harness/pack-process";
import { PROJECT, removeTempDir, STACK, TINY_PACK_INDEX, writeTinyPack } from "./fixtures";

describe("startPolicyPack failures", () => {
  const dirs: string[] = [];
  const pack = (indexJs: string, policyYaml?: string) => {
    const dir = writeTinyPack(indexJs, "1.0.0", policyYaml);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeTempDir));

  it("reports a pack that dies at start-up, with its stderr", async () => {
    const dir = pack(`throw new Error("policy pack exploded");\n`);
    const start = startPolicyPack({ packDir: dir, project: PROJECT, stack: STACK });
    await expect(start).rejects.toBeInstanceOf(PolicyPackStartError);
    await expect(start).rejects.toThrow(/exited \(code \d+\) before printing its port[\s\S]*policy pack exploded/);
  });

  it("reports a pack whose first stdout line is not a port", async () => {
    const dir = pack(`console.log("hello from the pack");\n${TINY_PACK_INDEX}`);
    await expect(startPolicyPack({ packDir: dir, project: PROJECT, stack: STACK })).rejects.toThrow(
      /printed "hello from the pack" instead of its port/,
    );
  });

  it("refuses a directory without PulumiPolicy.yaml or with another runtime", async () => {
    await expect(startPolicyPack({ packDir: __dirname, project: PROJECT, stack: STACK })).rejects.toThrow(/has no PulumiPolicy.yaml/);
    const python = pack(TINY_PACK_INDEX, "runtime: python\n");
    await expect(startPolicyPack({ packDir: python, project: PROJECT, stack: STACK })).rejects.toThrow(/runtime "python" is not supported/);
  });
});
