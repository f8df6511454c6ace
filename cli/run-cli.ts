// The `backup-guard` command: argument parsing, the two subcommands and exit codes. Everything the
// command says about bad input is one line naming the file and the problem; nothing escapes as a stack
// trace (an unexpected error is reported on one line as an internal error, and the command fails).
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { InputError } from "../policies/adapters/input-error";
import { configurationPositions, planPositions } from "../policies/adapters/terraform/source-positions";
import { SourcePosition } from "../policies/core/source-position";
import { ResolvedPackConfig, resolvePackConfig } from "../policies/config/policy-pack-config";
import { evaluateStack } from "../policies/evaluate-stack";
import { OVH_ACCOUNTS_CONFIG_KEY, ovhAccounts } from "../policies/ovh/accounts";
import { FORMATS, isFormatName } from "../policies/outputs/formats";
import { FailOn, buildReport } from "../policies/outputs/report";
import { summaryLine } from "../policies/outputs/text-format";
import { clockFromEnv } from "../policies/pulumi/clock";
import { RULES } from "../policies/rules";
import { countedResources, parseJsonText, readInputText, stackFromDocument } from "./input-document";
import { USAGE } from "./usage";

/** Exit codes: 0 passed, 1 blocked, 2 usage or input error. */
export const EXIT = { passed: 0, blocked: 1, error: 2 } as const;

/** What the command talks to (the process, or a test's buffers). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole of standard input. */
  stdin(): string;
  /** Writes `--output`. */
  writeFile(file: string, text: string): void;
  readonly env: NodeJS.ProcessEnv;
}

/** A problem the user can fix: reported as `backup-guard: <subject>: <problem>`, exit 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly subject?: string,
  ) {
    super(message);
  }
}

const FAIL_ON: readonly string[] = ["mandatory", "advisory", "never"];

/** The tool's name and version (the root package.json, read next to the compiled command). */
export function toolInfo(): { name: string; version: string } {
  for (const candidate of [path.join(__dirname, "..", "..", "package.json"), path.join(__dirname, "..", "package.json")]) {
    try {
      const json = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: unknown; version?: unknown };
      if (json.name === "backup-guard" && typeof json.version === "string") return { name: "backup-guard", version: json.version };
    } catch {
      // try the next place
    }
  }
  return { name: "backup-guard", version: "0.0.0" };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function readJson(file: string, io: CliIo): unknown {
  return readDocument(file, io).json;
}

/** The input's text and its JSON. */
function readDocument(file: string, io: CliIo): { text: string; json: unknown } {
  try {
    const text = readInputText(file, io.stdin);
    return { text, json: parseJsonText(text) };
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message, file);
    throw error;
  }
}

/**
 * Where the findings' Terraform resources are written: their `resource` blocks in the configuration
 * under `configDir`, else their entries in the plan file (a plan carries no source positions).
 */
function terraformPositions(plan: unknown, text: string, file: string, configDir: string, resources: ReadonlySet<string>): Map<string, SourcePosition> {
  const out = new Map<string, SourcePosition>();
  for (const [address, position] of configurationPositions(plan, configDir)) if (resources.has(address)) out.set(address, position);
  const rest = new Set([...resources].filter((address) => !out.has(address)));
  for (const [address, position] of planPositions(text, file, rest)) out.set(address, position);
  return out;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Reads and validates a `--policy-pack-config` document; every problem is one line, then the refusal. */
function loadConfig(file: string, io: CliIo): { document: unknown; config: ResolvedPackConfig } {
  const document = readJson(file, io);
  const { config, problems } = resolvePackConfig(document, RULES);
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(`backup-guard: ${file}: ${oneLine(problem)}\n`);
    throw new UsageError(`configuration refused (${problems.length} problem${problems.length === 1 ? "" : "s"})`, file);
  }
  return { document, config };
}

/**
 * Reads `--ovh-accounts` (the JSON of stack config `backup-guard:ovhAccounts`), validated as the model
 * validates that config; a malformed map is refused (exit 2) rather than leaving every account unresolved.
 */
function loadOvhAccounts(file: string, io: CliIo): string {
  const text = JSON.stringify(readJson(file, io));
  const parsed = ovhAccounts({ [OVH_ACCOUNTS_CONFIG_KEY]: text });
  if (!parsed.ok) throw new UsageError(parsed.error, file);
  return text;
}

function check(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: "string" },
      format: { type: "string", default: "text" },
      output: { type: "string" },
      "fail-on": { type: "string", default: "mandatory" },
      "default-region": { type: "string" },
      "ovh-accounts": { type: "string" },
      "allow-empty": { type: "boolean", default: false },
      "source-dir": { type: "string" },
    },
  });
  const format = values.format ?? "text";
  if (!isFormatName(format)) throw new UsageError(`--format ${format} is not one of ${Object.keys(FORMATS).join(", ")}`);
  const failOn = values["fail-on"] ?? "mandatory";
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on ${failOn} is not one of ${FAIL_ON.join(", ")}`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "check needs one input FILE (or - for standard input)" : `check takes one input, not ${positionals.length}`);
  const file = positionals[0] as string;
  const clock = clockFromEnv(io.env);
  if (clock.error) throw new UsageError(clock.error);
  const config = values.config === undefined ? undefined : loadConfig(values.config, io).document;
  const accounts = values["ovh-accounts"] === undefined ? undefined : loadOvhAccounts(values["ovh-accounts"], io);

  const sourceDir = values["source-dir"];
  if (sourceDir !== undefined && !isDirectory(sourceDir)) throw new UsageError(`--source-dir ${sourceDir} is not a directory`);
  const { text, json } = readDocument(file, io);
  let input: ReturnType<typeof stackFromDocument>;
  try {
    input = stackFromDocument(json, { ...(values["default-region"] ? { defaultRegion: values["default-region"] } : {}), ...(accounts !== undefined ? { ovhAccounts: accounts } : {}) });
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message, file);
    throw error;
  }
  const resources = countedResources(input.stack);
  if (resources === 0 && !values["allow-empty"]) {
    throw new UsageError("no resource to evaluate (nothing would exist after the deployment); pass --allow-empty to accept that", file);
  }
  const evaluation = evaluateStack(input.stack, config, { today: clock.today() });
  const report = buildReport({ tool: toolInfo(), inputs: [{ path: file, format: input.format, resources }], evaluation, failOn: failOn as FailOn });
  // SARIF results point at the code: a Terraform configuration's directory is the plan file's unless told.
  const positions =
    format === "sarif" && input.format === "terraform-plan"
      ? terraformPositions(json, text, file, sourceDir ?? (file === "-" ? "." : path.dirname(file)), new Set(report.findings.map((f) => f.resource).filter((r) => r !== "")))
      : undefined;
  const rendered = FORMATS[format](report, { ...(evaluation.model ? { model: evaluation.model } : {}), ...(positions ? { positions } : {}) });
  if (values.output !== undefined) {
    try {
      io.writeFile(values.output, rendered);
    } catch (error) {
      throw new UsageError(`cannot write the report: ${(error as Error).message}`, values.output);
    }
    io.stderr(`${summaryLine(report)}\n`);
  } else {
    io.stdout(rendered);
  }
  return report.summary.blocked ? EXIT.blocked : EXIT.passed;
}

function configCheck(argv: string[], io: CliIo): number {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("config check needs one config FILE");
  const file = positionals[0] as string;
  const { config } = loadConfig(file, io);
  const enabled = Object.values(config).filter((p) => p.level !== "disabled").length;
  io.stdout(`${file}: valid backup-guard configuration (${enabled} of ${RULES.length} policies enabled)\n`);
  return EXIT.passed;
}

function dispatch(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT.error : EXIT.passed;
  }
  if (command === "--version" || command === "-V") {
    io.stdout(`${toolInfo().version}\n`);
    return EXIT.passed;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(USAGE);
    return EXIT.passed;
  }
  if (command === "check") return check(rest, io);
  if (command === "config" && rest[0] === "check") return configCheck(rest.slice(1), io);
  throw new UsageError(`unknown command "${argv.join(" ")}" (try backup-guard --help)`);
}

/** Runs the command with `argv` (without node and the script) and returns its exit code. Never throws. */
export function runCli(argv: string[], io: CliIo): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`backup-guard: ${error.subject !== undefined ? `${error.subject === "-" ? "standard input" : error.subject}: ` : ""}${oneLine(error.message)}\n`);
      return EXIT.error;
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`backup-guard: ${oneLine((error as Error).message)} (try backup-guard --help)\n`);
      return EXIT.error;
    }
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(`backup-guard: internal error, failing closed: ${oneLine(text)} (please report this as a bug)\n`);
    return EXIT.error;
  }
}
