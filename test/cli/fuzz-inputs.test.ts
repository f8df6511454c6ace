// Fuzz: mutated and garbage inputs never make the command print a stack trace, crash, or pass (exit 0)
// on something that is not a readable document.
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../cli/run-cli";
import { ROOT, exampleDocuments } from "./example-documents";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let documents: { name: string; text: string; json: Json }[] = [];

beforeAll(async () => {
  const blocked = await exampleDocuments("blocked");
  documents = [
    { name: "pulumi preview --json", text: JSON.stringify(blocked.preview), json: blocked.preview as Json },
    { name: "pulumi stack export", text: JSON.stringify(blocked.export), json: blocked.export as Json },
  ];
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, "example", "terraform", "blocked.plan.json"), "utf8")) as Json;
  documents.push({ name: "terraform plan", text: JSON.stringify(plan), json: plan });
});

function check(input: string | Buffer): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCli(["check", "--format", "json", "-"], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stdin: () => (typeof input === "string" ? input : input.toString("utf8")),
    writeFile: () => undefined,
    env: { BACKUP_GUARD_TODAY: "2026-06-01" },
  });
  return { code, out, err };
}

/** What every run must satisfy, whatever the input. */
function expectWellBehaved(result: { code: number; out: string; err: string }): void {
  expect([0, 1, 2]).toContain(result.code);
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(result.err).not.toContain("internal error");
  if (result.code === 2) {
    expect(result.out).toBe("");
    expect(result.err).toMatch(/^backup-guard: standard input: [^\n]+\n$/);
  } else {
    expect(result.err).toBe("");
    expect(JSON.parse(result.out).summary.blocked).toBe(result.code === 1);
  }
}

/** Replaces the value at a random place of the document (chosen by `choices`) with `replacement`. */
function mutate(json: Json, choices: readonly number[], replacement: Json): Json {
  const [choice, ...rest] = choices;
  if (choice === undefined || json === null || typeof json !== "object") return replacement;
  if (Array.isArray(json)) {
    if (json.length === 0) return replacement;
    const i = choice % json.length;
    return json.map((item, j) => (j === i ? mutate(item, rest, replacement) : item));
  }
  const keys = Object.keys(json);
  if (keys.length === 0) return replacement;
  const key = keys[choice % keys.length] as string;
  return { ...json, [key]: mutate(json[key] as Json, rest, replacement) };
}

describe("the command on mutated and garbage input", () => {
  it("exits 2 with one line on every truncation of a valid document", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 2 }), (cut, which) => {
        const { text } = documents[which] as { text: string };
        const result = check(text.slice(0, cut % text.length));
        expect(result.code).toBe(2);
        expectWellBehaved(result);
      }),
      { numRuns: 60 },
    );
  });

  it("exits 2 with one line on garbage: random text and random bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes))), (garbage) => {
        const result = check(garbage);
        // A random string may happen to be JSON (e.g. "1"): it is still no document the command reads.
        expect(result.code).toBe(2);
        expectWellBehaved(result);
      }),
      { numRuns: 100 },
    );
  });

  it("never crashes on a document with one value replaced anywhere by any JSON value", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), (which, path, replacement) => {
        const { json } = documents[which] as { json: Json };
        expectWellBehaved(check(JSON.stringify(mutate(json, path, replacement as Json))));
      }),
      { numRuns: 150 },
    );
  });

  it("never crashes when single characters of a document are changed", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "0", "x", " ", "\\")), { minLength: 1, maxLength: 4 }), (which, edits) => {
        const chars = [...(documents[which] as { text: string }).text];
        for (const [at, char] of edits) chars[at % chars.length] = char;
        expectWellBehaved(check(chars.join("")));
      }),
      { numRuns: 100 },
    );
  });
});
