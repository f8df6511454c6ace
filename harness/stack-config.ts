// Reads a Pulumi project (`Pulumi.yaml`) and its stack config files (`Pulumi.<stack>.yaml`) and turns
// them into the `"ns:key"` → string map the CLI passes to programs and policy packs as PULUMI_CONFIG.
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

/** What the harness needs from `Pulumi.yaml`. */
export interface PulumiProjectFile {
  /** Project name. */
  name: string;
  /** `main` (program path relative to the project root), if set. */
  main?: string;
  /** Runtime name. */
  runtime: string;
  /** Project-level config defaults, `"ns:key"` → string. */
  config: Record<string, string>;
}

/** Error raised for a missing or malformed project or stack file. */
export class StackConfigError extends Error {
  /** Creates the error for the file concerned. */
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "StackConfigError";
  }
}

/** Walks up from `start` to the first directory holding a `Pulumi.yaml`. */
export function findProjectRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** Qualifies a config key with the project name when it has no namespace (`scenario` → `proj:scenario`). */
export function namespacedKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/** Encodes a config value as the CLI does for PULUMI_CONFIG: strings as they are, anything else as JSON. */
export function configValueString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function readYaml(file: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new StackConfigError(file, `cannot be read: ${(error as Error).message}`);
  }
  if (document === null || document === undefined) {
    return {};
  }
  if (typeof document !== "object" || Array.isArray(document)) {
    throw new StackConfigError(file, "is not a YAML mapping");
  }
  return document as Record<string, unknown>;
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value;
}

/** Reads `<root>/Pulumi.yaml`. */
export function readPulumiProject(root: string): PulumiProjectFile {
  const file = path.join(root, "Pulumi.yaml");
  const document = readYaml(file);
  if (typeof document["name"] !== "string" || document["name"] === "") {
    throw new StackConfigError(file, "has no project name");
  }
  const name = document["name"];
  const runtime = document["runtime"];
  const config: Record<string, string> = {};
  const declared = document["config"];
  if (declared && typeof declared === "object" && !Array.isArray(declared)) {
    for (const [key, spec] of Object.entries(declared as Record<string, unknown>)) {
      // `key: value` or `key: {value: ...}` / `key: {default: ...}`; a bare type declaration sets nothing.
      let value: unknown = spec;
      if (spec && typeof spec === "object" && !Array.isArray(spec)) {
        const record = spec as Record<string, unknown>;
        value = "value" in record ? record["value"] : "default" in record ? record["default"] : undefined;
      }
      if (value !== undefined && value !== null) {
        config[namespacedKey(name, key)] = configValueString(value);
      }
    }
  }
  const project: PulumiProjectFile = {
    name,
    runtime: typeof runtime === "string" ? runtime : String((runtime as { name?: unknown } | undefined)?.name ?? ""),
    config,
  };
  if (typeof document["main"] === "string") {
    project.main = document["main"];
  }
  return project;
}

/** Lists the stacks that have a `Pulumi.<stack>.yaml` next to `Pulumi.yaml`, sorted by name. */
export function listStacks(root: string): string[] {
  return fs
    .readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/**
 * The stack's effective config: project-level defaults, overridden by `Pulumi.<stack>.yaml`'s `config:`.
 * Keys without a namespace get the project's; non-string values are JSON-encoded. Encrypted (`secure:`)
 * values cannot be decrypted offline and are rejected.
 */
export function readStackConfig(root: string, project: PulumiProjectFile, stack: string): Record<string, string> {
  const candidates = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((file) => path.join(root, file));
  const file = candidates.find((candidate) => fs.existsSync(candidate));
  if (!file) {
    throw new StackConfigError(candidates[0] as string, `stack "${stack}" has no config file`);
  }
  const config: Record<string, string> = { ...project.config };
  const declared = readYaml(file)["config"] ?? {};
  if (typeof declared !== "object" || Array.isArray(declared)) {
    throw new StackConfigError(file, "`config` is not a mapping");
  }
  for (const [key, value] of Object.entries(declared as Record<string, unknown>)) {
    if (isSecure(value)) {
      throw new StackConfigError(file, `${key} is an encrypted secret, which cannot be decrypted offline`);
    }
    if (value !== null && value !== undefined) {
      config[namespacedKey(project.name, key)] = configValueString(value);
    }
  }
  return config;
}
