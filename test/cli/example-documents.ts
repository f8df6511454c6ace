// The bundled example's stacks as the Pulumi CLI would write them (`pulumi preview --json`,
// `pulumi stack export`), captured from the compiled program under mocks, for the command's tests.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { captureProgram } from "../../harness/capture-program";
import { buildEngineRequests } from "../../harness/engine-requests";
import { compiledProgramPath } from "../../harness/preview-cli";
import { readPulumiProject, readStackConfig } from "../../harness/stack-config";
import type { JsonObject } from "../../harness/wire-values";
import { previewDigest, stackExport } from "../support/pulumi-documents";

export const ROOT = path.join(__dirname, "..", "..");

/** The compiled command. */
export const COMMAND = path.join(ROOT, "dist", "cli", "main.js");

/** Both documents of one stack of the example. */
export interface ExampleDocuments {
  readonly preview: JsonObject;
  readonly export: JsonObject;
}

/** Captures a stack of the bundled example (`blocked` or `passing`). */
export async function exampleDocuments(stack: string): Promise<ExampleDocuments> {
  const project = readPulumiProject(ROOT);
  const stackConfig = readStackConfig(ROOT, project, stack);
  const captured = await captureProgram({ program: compiledProgramPath(ROOT, project.main), project: project.name, stack, stackConfig });
  const requests = buildEngineRequests(captured);
  return { preview: previewDigest(requests, stackConfig), export: stackExport(requests) };
}

/** A fresh temporary directory, removed by the returned function. */
export function temporaryDirectory(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-guard-cli-"));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
