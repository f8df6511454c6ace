// `npm run bench`: what backup-guard costs on top of the framework, measured through the real launcher
// over gRPC on synthetic previews, as ratios to a floor pack with as many policies that only walk what
// `@pulumi/policy` hands them. Pack and floor run alternately in the same run, several rounds; the
// figures are medians of per-round ratios with their range. Figures only: no test asserts on time.
//
//   npm run bench                            5 000, 10 000 and 50 000 resources, 3 rounds
//   npm run bench -- --pack /tmp/old-pack    another build of the pack (e.g. an earlier commit)
//   npm run bench -- --rounds 5 --write-docs also rewrites docs/performance.md
//   npm run bench -- --large-rounds 1        fewer rounds at 50 000 resources (a busy machine)
//   npm run bench -- --sizes 5000 --profile /tmp/prof   one CPU profile of the pack per size
//   npm run bench -- --command-rounds 0      skip the `backup-guard` command on a 50 000-resource plan
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RULES } from "../policies/rules";
import { commandReport, measureCommand } from "./cli-bench";
import { writeFloorPack } from "./floor-pack";
import { OWN_MODULES } from "./module-load-times";
import { EncodedPreview, RunFigures, encodePreview, runPack, startAndStop } from "./pack-run";
import { RatioSummary, formatRatio, median, ratioSummary } from "./ratios";
import { syntheticPreview } from "./synthetic-stack";

const ROOT = path.join(__dirname, "..", "..");
const DEFAULT_PACK_DIR = path.join(ROOT, "policypack");

interface Options {
  sizes: number[];
  rounds: number;
  /** Rounds at 20 000 resources and more (default: `rounds`). */
  largeRounds?: number;
  writeDocs: boolean;
  profileDir?: string;
  /** At most this many Analyze calls per run, evenly spread over the preview. */
  analyzeCalls: number;
  /** The pack measured (another build of backup-guard, e.g. to compare with an earlier commit). */
  packDir: string;
  /** Rounds of the `backup-guard` command on a 50 000-resource plan (0: not measured). */
  commandRounds: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { sizes: [5000, 10000, 50000], rounds: 3, writeDocs: false, analyzeCalls: 2000, packDir: DEFAULT_PACK_DIR, commandRounds: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--rounds") options.rounds = Number(value());
    else if (arg === "--sizes") options.sizes = value().split(",").map(Number);
    else if (arg === "--write-docs") options.writeDocs = true;
    else if (arg === "--profile") options.profileDir = path.resolve(value());
    else if (arg === "--analyze-calls") options.analyzeCalls = Number(value());
    else if (arg === "--large-rounds") options.largeRounds = Number(value());
    else if (arg === "--pack") options.packDir = path.resolve(value());
    else if (arg === "--command-rounds") options.commandRounds = Number(value());
    else throw new Error(`unknown option ${arg} (known: --rounds N, --sizes 5000,50000, --large-rounds N, --analyze-calls N, --pack DIR, --command-rounds N, --write-docs, --profile DIR)`);
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error("--rounds must be a positive integer");
  if (options.largeRounds !== undefined && (!Number.isInteger(options.largeRounds) || options.largeRounds < 1)) throw new Error("--large-rounds must be a positive integer");
  if (!Number.isInteger(options.commandRounds) || options.commandRounds < 0) throw new Error("--command-rounds must be a non-negative integer");
  if (!Number.isInteger(options.analyzeCalls) || options.analyzeCalls < 1) throw new Error("--analyze-calls must be a positive integer");
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error("--sizes must be integers of at least 100");
  return options;
}

/** Runs of one size: pack and floor, round by round. */
interface SizeRuns {
  readonly size: number;
  readonly analyzeCalls: number;
  readonly pack: RunFigures[];
  readonly floor: RunFigures[];
}

async function measureSize(preview: EncodedPreview, packDir: string, floorDir: string, rounds: number): Promise<SizeRuns> {
  const runs: SizeRuns = { size: preview.size, analyzeCalls: preview.analyze.length, pack: [], floor: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so that a slow phase of the machine does not always hit the same one.
    const order = round % 2 === 0 ? (["pack", "floor"] as const) : (["floor", "pack"] as const);
    for (const which of order) {
      const figures = await runPack(which === "pack" ? packDir : floorDir, preview);
      if (which === "pack" && figures.diagnostics.length > 0) {
        throw new Error(`the synthetic preview must meet every policy, but the pack reported ${figures.diagnostics.length}, e.g.\n${figures.diagnostics.slice(0, 3).join("\n")}`);
      }
      runs[which].push(figures);
      process.stderr.write(
        `  ${preview.size} resources, round ${round + 1}, ${which}: start-up ${figures.startupMs.toFixed(0)} ms (CPU ${figures.startupCpuMs ?? "?"}), Analyze ${figures.analyzeMs.toFixed(0)} ms (CPU ${figures.analyzeCpuMs ?? "?"}), AnalyzeStack ${figures.analyzeStackMs.toFixed(0)} ms (CPU ${figures.analyzeStackCpuMs ?? "?"}), peak ${figures.peakMiB?.toFixed(0) ?? "?"} MiB\n`,
      );
    }
  }
  return runs;
}

type Figure = "startupMs" | "analyzeMs" | "analyzeStackMs" | "startupCpuMs" | "analyzeCpuMs" | "analyzeStackCpuMs";

function summary(runs: SizeRuns, figure: Figure): RatioSummary {
  return ratioSummary(
    runs.pack.map((r) => r[figure] ?? Number.NaN),
    runs.floor.map((r) => r[figure] ?? Number.NaN),
  );
}

function ms(values: readonly number[]): string {
  return `${median(values).toFixed(0)} ms`;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0].toFixed(1)} at start`;
}

/** The report: tables of ratios, scaling and memory, in Markdown. */
function report(all: readonly SizeRuns[], options: Options, machineLine: string): string {
  const lines: string[] = [];
  const sizes = all.map((r) => r.size.toLocaleString("en-US"));
  const packName = options.packDir === DEFAULT_PACK_DIR ? "policypack/" : options.packDir;
  lines.push(
    `Machine: ${machineLine}. Pack: ${packName}. Rounds: ${all.map((r) => r.pack.length).join(", ")}; pack and floor alternate within each round. ` +
      `Analyze: at most ${options.analyzeCalls.toLocaleString("en-US")} calls per run, evenly spread over the preview (${all.map((r) => `${r.analyzeCalls.toLocaleString("en-US")} of ${r.size.toLocaleString("en-US")}`).join(", ")}).`,
    "",
  );
  lines.push(`| ratio pack/floor of the pack process's CPU time: median (range over rounds) | ${sizes.join(" | ")} |`);
  lines.push(`|---|${all.map(() => "---:").join("|")}|`);
  lines.push(`| per-resource Analyze | ${all.map((r) => formatRatio(summary(r, "analyzeCpuMs"))).join(" | ")} |`);
  lines.push(`| AnalyzeStack | ${all.map((r) => formatRatio(summary(r, "analyzeStackCpuMs"))).join(" | ")} |`);
  lines.push(`| start-up (to the port line) | ${all.map((r) => formatRatio(summary(r, "startupCpuMs"))).join(" | ")} |`);
  lines.push("", `| ratio pack/floor of wall time (noisier): median (range over rounds) | ${sizes.join(" | ")} |`);
  lines.push(`|---|${all.map(() => "---:").join("|")}|`);
  lines.push(`| per-resource Analyze (one call at a time) | ${all.map((r) => formatRatio(summary(r, "analyzeMs"))).join(" | ")} |`);
  lines.push(`| AnalyzeStack | ${all.map((r) => formatRatio(summary(r, "analyzeStackMs"))).join(" | ")} |`);
  lines.push(`| start-up (spawn to port) | ${all.map((r) => formatRatio(summary(r, "startupMs"))).join(" | ")} |`);
  lines.push("", `| median time: pack / floor | ${sizes.join(" | ")} |`, `|---|${all.map(() => "---:").join("|")}|`);
  lines.push(`| the Analyze calls | ${all.map((r) => `${ms(r.pack.map((f) => f.analyzeMs))} / ${ms(r.floor.map((f) => f.analyzeMs))}`).join(" | ")} |`);
  lines.push(`| AnalyzeStack | ${all.map((r) => `${ms(r.pack.map((f) => f.analyzeStackMs))} / ${ms(r.floor.map((f) => f.analyzeStackMs))}`).join(" | ")} |`);
  lines.push(`| start-up | ${all.map((r) => `${ms(r.pack.map((f) => f.startupMs))} / ${ms(r.floor.map((f) => f.startupMs))}`).join(" | ")} |`);
  const peak = (runs: readonly RunFigures[]): string => {
    const values = runs.map((f) => f.peakMiB).filter((v): v is number => v !== undefined);
    return values.length > 0 ? `${median(values).toFixed(0)} MiB` : "n/a";
  };
  lines.push(`| peak resident memory (VmHWM) | ${all.map((r) => `${peak(r.pack)} / ${peak(r.floor)}`).join(" | ")} |`);
  const small = all.find((r) => r.size >= 9000 && r.size <= 11000);
  const large = all.find((r) => r.size >= 45000);
  if (small && large) {
    const median_ = (runs: readonly RunFigures[], figure: "analyzeMs" | "analyzeStackMs"): number => median(runs.map((f) => f[figure]));
    const perCall = (runs: readonly RunFigures[], smallRuns: readonly RunFigures[]): string =>
      `${(median_(runs, "analyzeMs") / large.analyzeCalls / (median_(smallRuns, "analyzeMs") / small.analyzeCalls)).toFixed(2)}×`;
    const whole = (runs: readonly RunFigures[], smallRuns: readonly RunFigures[]): string => `${(median_(runs, "analyzeStackMs") / median_(smallRuns, "analyzeStackMs")).toFixed(2)}×`;
    lines.push("", `| scaling ${large.size.toLocaleString("en-US")} / ${small.size.toLocaleString("en-US")} resources | pack | floor |`, "|---|---:|---:|");
    lines.push(`| one Analyze call (independent of size: 1×) | ${perCall(large.pack, small.pack)} | ${perCall(large.floor, small.floor)} |`);
    lines.push(`| AnalyzeStack (linear: ${(large.size / small.size).toFixed(1)}×) | ${whole(large.pack, small.pack)} | ${whole(large.floor, small.floor)} |`);
  }
  return lines.join("\n");
}

const DOC_HEAD = `# Performance

What backup-guard costs on top of the Pulumi policy framework, measured by \`npm run bench\`
(\`npm run bench -- --write-docs\` regenerates this page). Each run starts a pack through the real
launcher (\`@pulumi/pulumi/cmd/run-policy-pack\`, as the CLI does), configures it as the engine does,
sends \`Analyze\` calls of a synthetic preview one at a time (as the engine's step generator does; on
large previews a sample evenly spread over it, since one call costs the same whatever the stack's
size), then the \`AnalyzeStack\` of the whole preview, over gRPC.

- **The floor** is a pack with as many policies as backup-guard (${RULES.length}), each with a resource and a
  stack validation, whose policies only walk what \`@pulumi/policy\` hands them. It costs what any pack of
  that size pays: the SDK deserialises every resource once per policy in \`Analyze\` and the whole stack
  once per stack policy in \`AnalyzeStack\`.
- **The preview** (bench/synthetic-stack.ts) is a large AWS program as the engine sends it in preview:
  the root stack, three providers (another region, another account through \`assumeRoles\`), values
  computed from other resources unknown with their \`propertyDependencies\`, unknown computed outputs.
  One resource in five belongs to a backup design (AWS Backup plans, vault locks and policies, restore
  tests, S3 and EFS replication, DLM copies, Recycle Bin rules); the rest are application services.
  Every policy passes it: the bench fails if the pack reports anything.
- The machine is shared and noisy, so only ratios are compared: pack and floor run alternately (which
  goes first alternates too) and each figure is the median of the per-round ratios, with their range.
  The main figures are the pack process's CPU time (user + system, from \`/proc/<pid>/stat\`) in each
  phase, which other processes on the machine barely move; wall-time ratios follow. Start-up is spawn
  to the port line; peak memory is the pack process's \`VmHWM\` after the run.

`;

/** What each pack's start-up loads, by package: one start of each with module-load-times preloaded. */
async function loadTimes(packDir: string, floorDir: string): Promise<string> {
  const measured: Record<string, Record<string, { ms: number; modules: number }>> = {};
  for (const [which, dir] of [["pack", packDir], ["floor", floorDir]] as const) {
    const file = path.join(os.tmpdir(), `backup-guard-load-times-${process.pid}-${which}.json`);
    await startAndStop(dir, { NODE_OPTIONS: `--require ${path.join(__dirname, "module-load-times.js")}`, BACKUP_GUARD_LOAD_TIMES: file });
    measured[which] = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { ms: number; modules: number }>;
    fs.rmSync(file, { force: true });
  }
  const groups = [...new Set([...Object.keys(measured.pack), ...Object.keys(measured.floor)])]
    .map((group) => ({ group, pack: measured.pack[group], floor: measured.floor[group] }))
    .sort((a, b) => (b.pack?.ms ?? 0) - (a.pack?.ms ?? 0));
  // The largest groups, the pack's own modules and ajv by name; everything else summed.
  const shown = groups.filter((row, i) => i < 6 || row.group === OWN_MODULES || row.group === "ajv");
  const rest = groups.filter((row) => !shown.includes(row));
  const sum = (entries: ({ ms: number; modules: number } | undefined)[]): { ms: number; modules: number } =>
    entries.reduce<{ ms: number; modules: number }>((total, e) => ({ ms: total.ms + (e?.ms ?? 0), modules: total.modules + (e?.modules ?? 0) }), { ms: 0, modules: 0 });
  const cell = (entry: { ms: number; modules: number } | undefined): string => (entry ? `${entry.ms.toFixed(0)} ms (${entry.modules})` : "–");
  return [
    "| module loading at start-up, by package (requires), one start | pack | floor |",
    "|---|---:|---:|",
    ...shown.map((row) => `| ${row.group} | ${cell(row.pack)} | ${cell(row.floor)} |`),
    `| ${rest.length} other packages | ${cell(sum(rest.map((row) => row.pack)))} | ${cell(sum(rest.map((row) => row.floor)))} |`,
    `| total | ${cell(sum(groups.map((row) => row.pack)))} | ${cell(sum(groups.map((row) => row.floor)))} |`,
  ].join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const machineLine = machine();
  const floorDir = writeFloorPack(RULES.length, path.join(ROOT, "node_modules"));
  try {
    if (options.profileDir) {
      fs.mkdirSync(options.profileDir, { recursive: true });
      for (const size of options.sizes) {
        const environment = { NODE_OPTIONS: `--require ${path.join(__dirname, "cpu-profile.js")}`, BACKUP_GUARD_PROFILE_DIR: options.profileDir };
        await runPack(options.packDir, encodePreview(syntheticPreview(size), options.analyzeCalls), { environment });
      }
      console.log(`CPU profiles of the pack written to ${options.profileDir}`);
      return;
    }
    const all: SizeRuns[] = [];
    for (const size of options.sizes) {
      const preview = encodePreview(syntheticPreview(size), options.analyzeCalls);
      all.push(await measureSize(preview, options.packDir, floorDir, size >= 20_000 ? (options.largeRounds ?? options.rounds) : options.rounds));
    }
    const command = options.commandRounds > 0 ? `\n\n${commandReport(measureCommand(options.commandRounds))}` : "";
    const text = `${report(all, options, machineLine)}\n\n${await loadTimes(options.packDir, floorDir)}${command}`;
    console.log(text);
    if (options.writeDocs) {
      fs.writeFileSync(path.join(ROOT, "docs", "performance.md"), `${DOC_HEAD}${text}\n`);
      console.log("\nwrote docs/performance.md");
    }
  } finally {
    fs.rmSync(floorDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
