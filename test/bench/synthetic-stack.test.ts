// The bench measures the pack on a synthetic preview that every policy must pass (a diagnostic would
// mean the bench times findings, not the pack's walk). Rules get stricter over time; this test keeps the
// bench's designs sound, so that `npm run bench` does not stop at its first size.
import * as path from "path";
import { encodePreview, runPack } from "../../bench/pack-run";
import { syntheticPreview } from "../../bench/synthetic-stack";

const PACK_DIR = path.join(__dirname, "..", "..", "policypack");

describe("the bench's synthetic preview", () => {
  it("meets every policy through the real launcher, in Analyze and AnalyzeStack", async () => {
    const preview = encodePreview(syntheticPreview(600));
    const figures = await runPack(PACK_DIR, preview);
    expect(figures.diagnostics).toEqual([]);
  }, 120_000);
});
