// Reads the command's input (a file or standard input) and decides from its content what it is:
// a Terraform/OpenTofu plan, a `pulumi stack export`, or a `pulumi preview --json` digest.
import * as fs from "fs";
import { InputError } from "../policies/adapters/input-error";
import { looksLikePreviewDigest, stackFromPreviewDigest } from "../policies/adapters/pulumi-preview-digest";
import { looksLikeStackExport, stackFromStackExport } from "../policies/adapters/pulumi-stack-export";
import { isJsonObject } from "../policies/core/json";
import { PlannedStack } from "../policies/core/planned-stack";
import { OVH_ACCOUNTS_CONFIG_KEY } from "../policies/ovh/accounts";
import { ReportInput } from "../policies/outputs/report";
import { looksLikeTerraformPlan, stackFromTerraformPlan } from "../policies/adapters/terraform/plan-to-stack";

/** Reads the text of `path` (`-`: standard input). Throws {@link InputError} when it cannot be read. */
export function readInputText(path: string, stdin: () => string): string {
  try {
    return path === "-" ? stdin() : fs.readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : (error as Error).message;
    throw new InputError(`cannot read: ${why}`);
  }
}

/** Parses JSON text, saying whether it is empty, truncated or not JSON at all. Throws {@link InputError}. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") throw new InputError("the input is empty (expected JSON: terraform show -json PLANFILE, pulumi stack export or pulumi preview --json)");
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // The parser stopped at the very end of the text: the document was cut off (a partial write or upload).
    const position = /at position (\d+)/.exec(message);
    const atEnd = position ? Number(position[1]) >= text.trimEnd().length : /end of (JSON )?input/i.test(message);
    if (atEnd) throw new InputError(`the JSON is truncated (${message})`);
    throw new InputError(`not JSON (${message}); expected the output of terraform show -json PLANFILE, pulumi stack export or pulumi preview --json`);
  }
}

function describeDocument(json: unknown): string {
  if (Array.isArray(json)) return `a JSON array of ${json.length} items`;
  if (!isJsonObject(json)) return `a JSON ${json === null ? "null" : typeof json}`;
  const keys = Object.keys(json);
  if (keys.length === 0) return "an empty JSON object";
  const shown = keys.slice(0, 6).join(", ");
  return `a JSON object with keys ${shown}${keys.length > 6 ? ", ..." : ""}`;
}

/** Options of {@link stackFromDocument}. */
export interface DocumentOptions {
  /** The region of resources whose provider sets none (`--default-region`). */
  readonly defaultRegion?: string;
  /**
   * The OVHcloud project → account map (`--ovh-accounts`), JSON text already validated: it becomes the
   * stack config `backup-guard:ovhAccounts` of any input, replacing the one a preview's config carries.
   */
  readonly ovhAccounts?: string;
}

/**
 * Decides what a parsed document is and turns it into a planned stack. Throws {@link InputError} for
 * anything else, naming what was found.
 */
export function stackFromDocument(json: unknown, options: DocumentOptions = {}): { format: ReportInput["format"]; stack: PlannedStack } {
  const input = readDocument(json, options);
  return options.ovhAccounts === undefined ? input : { ...input, stack: { ...input.stack, stackConfig: { ...input.stack.stackConfig, [OVH_ACCOUNTS_CONFIG_KEY]: options.ovhAccounts } } };
}

function readDocument(json: unknown, options: DocumentOptions): { format: ReportInput["format"]; stack: PlannedStack } {
  // Anything that names a plan format is read as a plan, so that another version is refused by name.
  if (looksLikeTerraformPlan(json) || (isJsonObject(json) && ("resource_changes" in json || "format_version" in json))) {
    return { format: "terraform-plan", stack: stackFromTerraformPlan(json, options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}) };
  }
  if (looksLikeStackExport(json)) return { format: "pulumi-stack-export", stack: withDefaultRegion(stackFromStackExport(json), options) };
  if (looksLikePreviewDigest(json)) return { format: "pulumi-preview", stack: withDefaultRegion(stackFromPreviewDigest(json), options) };
  throw new InputError(
    `unrecognised input: found ${describeDocument(json)}; expected a Terraform/OpenTofu plan (terraform show -json PLANFILE), a pulumi stack export (version 3) or pulumi preview --json output`,
  );
}

/** `--default-region` for a Pulumi document: the region default providers use when the stack config has none. */
function withDefaultRegion(stack: PlannedStack, options: DocumentOptions): PlannedStack {
  if (!options.defaultRegion || stack.stackConfig["aws:region"] !== undefined) return stack;
  return { ...stack, stackConfig: { ...stack.stackConfig, "aws:region": options.defaultRegion } };
}

/** The resources of a stack that count as evaluated: neither providers nor the root stack resource. */
export function countedResources(stack: PlannedStack): number {
  let count = 0; // counted, not filtered: a plan's list is tens of thousands of resources long
  for (const r of stack.resources) if (!r.type.startsWith("pulumi:providers:") && r.type !== "pulumi:pulumi:Stack") count++;
  return count;
}
