// `npm start`: an offline stand-in for `pulumi preview --policy-pack policypack` over every stack of the
// project. For each `Pulumi.<stack>.yaml` it runs the compiled program (`dist/<main>`) under mocks with
// that stack's config, drives the policy pack like the engine does, and prints the policy report.
// Exit code: 1 when any stack is blocked by a mandatory violation, 2 on a harness error, else 0.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { renderBackupMap } from "../policies/report/backup-map";
import { copyRows } from "../policies/report/copy-table";
import { buildMapGraph } from "../policies/report/map-graph";
import { distinctFindings } from "../policies/report/map-findings";
import type { PolicyConfigFile } from "./policy-pack-config";
import { previewProtectionModel, reportedFindings } from "./preview-model";
import { previewExitCode, renderPolicyReport } from "./preview-report";
import { type PolicyPreviewResult, runPolicyPreview } from "./run-preview";
import { findProjectRoot, listStacks, readPulumiProject, readStackConfig } from "./stack-config";

/** Where the CLI writes. */
export interface CliOutput {
  /** Standard output. */
  stdout(text: string): void;
  /** Standard error. */
  stderr(text: string): void;
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const USAGE = `usage: npm start -- [--stack NAME]... [--json] [--html FILE] [--policy-pack-config FILE]
                    [--policy-pack DIR] [--collapse-nested-unknowns] [--timings] [--root DIR]

Runs the program named by Pulumi.yaml's \`main\` (compiled, under dist/) for each Pulumi.<stack>.yaml
(or only the --stack ones) and applies the policy pack the way \`pulumi preview --policy-pack\` does.
--html FILE writes the backup map (one self-contained HTML page); with several stacks, one page per
stack named FILE with the stack before the extension (map.blocked.html).
Exit code: 1 if a mandatory policy violation blocks a stack, 2 on error, 0 otherwise.
`;

/** Where the map of `stack` goes: `file` for a single stack, else `file` with `.<stack>` before its extension. */
export function mapFileFor(file: string, stack: string, stackCount: number): string {
  if (stackCount <= 1) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${stack}${ext || ".html"}`;
}

/** Error raised for bad usage or a missing project/program. */
export class CliError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * The compiled program for `main` of Pulumi.yaml: `dist/<main>` with `.ts` → `.js` (a directory resolves
 * to its index.js). `main` defaults to the project root, as with the Pulumi CLI.
 */
export function compiledProgramPath(root: string, main = "."): string {
  const relative = main.replace(/\\/g, "/").replace(/^\.\//, "");
  const compiled = relative.startsWith("dist/") ? relative : path.posix.join("dist", relative);
  let candidate = path.join(root, compiled.replace(/\.ts$/, ".js"));
  if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) {
    candidate = path.join(candidate, "index.js");
  }
  if (!fs.existsSync(candidate)) {
    throw new CliError(`compiled program not found: ${path.relative(root, candidate)} (for main "${main}"); run \`npm run build\``);
  }
  return candidate;
}

function readPolicyConfig(file: string): PolicyConfigFile {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PolicyConfigFile;
  } catch (error) {
    throw new CliError(`--policy-pack-config ${file}: ${(error as Error).message}`);
  }
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export async function runPreviewCli(argv: readonly string[], output: CliOutput = processOutput): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string", short: "s", multiple: true },
        json: { type: "boolean", default: false },
        html: { type: "string" },
        "policy-pack-config": { type: "string" },
        "policy-pack": { type: "string" },
        "collapse-nested-unknowns": { type: "boolean", default: false },
        timings: { type: "boolean", default: false },
        root: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: false,
    });
    if (values.help) {
      output.stdout(USAGE);
      return 0;
    }
    const root = values.root ? path.resolve(values.root) : (findProjectRoot(__dirname) ?? findProjectRoot(process.cwd()));
    if (!root) {
      throw new CliError("no Pulumi.yaml found above " + __dirname + " or " + process.cwd());
    }
    const project = readPulumiProject(root);
    const program = compiledProgramPath(root, project.main);
    const packDir = path.resolve(root, values["policy-pack"] ?? "policypack");
    const policyConfig = values["policy-pack-config"] ? readPolicyConfig(path.resolve(values["policy-pack-config"])) : undefined;
    const available = listStacks(root);
    const stacks = values.stack ?? available;
    for (const stack of stacks) {
      if (!available.includes(stack)) {
        throw new CliError(`no Pulumi.${stack}.yaml in ${root} (stacks: ${available.join(", ") || "none"})`);
      }
    }
    if (stacks.length === 0) {
      throw new CliError(`no Pulumi.<stack>.yaml in ${root}`);
    }

    const results: PolicyPreviewResult[] = [];
    for (const stack of stacks) {
      const stackConfig = readStackConfig(root, project, stack);
      const result = await runPolicyPreview({
        program,
        project: project.name,
        stack,
        stackConfig,
        packDir,
        collapseNestedUnknowns: values["collapse-nested-unknowns"],
        ...(policyConfig ? { policyConfig } : {}),
      });
      results.push(result);
      const model = previewProtectionModel(result.requests, stackConfig);
      const { findings } = distinctFindings(reportedFindings(result.diagnostics, result.requests.stackUrn));
      if (!values.json) {
        output.stdout(`${results.length > 1 ? "\n" : ""}Previewing update (${stack}):\n`);
        output.stdout(renderPolicyReport(result, { showTimings: values.timings, copies: copyRows(buildMapGraph(model), findings) }));
      }
      if (values.html) {
        const file = path.resolve(mapFileFor(values.html, stack, stacks.length));
        const info = result.analyzerInfo;
        fs.writeFileSync(file, renderBackupMap(model, findings, { title: `${project.name} / ${stack}`, subtitle: `${info.name}@v${info.version} · pulumi preview (offline)` }));
        output.stderr(`backup map of ${stack} written to ${path.relative(process.cwd(), file) || file}\n`);
      }
    }
    if (values.json) {
      const document = results.map((result) => ({
        project: result.project,
        stack: result.stack,
        policyPack: { name: result.analyzerInfo.name, version: result.analyzerInfo.version },
        blocked: result.blocked,
        exitCode: previewExitCode(result),
        diagnostics: result.diagnostics,
        ...(values.timings ? { timings: { startupMs: result.startupMs, ...result.timings } } : {}),
      }));
      output.stdout(JSON.stringify(document, null, 2) + "\n");
    }
    return previewExitCode(results);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.stderr(`error: ${message}\n`);
    if (error instanceof TypeError && /parseArgs|option/i.test(message)) {
      output.stderr(USAGE);
    }
    return 2;
  }
}

if (require.main === module) {
  runPreviewCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
