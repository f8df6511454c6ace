// The output formats of the command, by name. A format renders the report of one run; formats that
// draw the deployment (the HTML map of copies, `--format html`) also read the protection model.
import { ProtectionModel } from "../core/protection-model";
import { SourcePosition } from "../core/source-position";
import { renderJson } from "./json-format";
import { Report } from "./report";
import { renderText } from "./text-format";

/** What a renderer receives besides the report. */
export interface RenderContext {
  /** The protection model the policies read (absent when it could not be built: every policy then failed closed). */
  readonly model?: ProtectionModel;
  /** Where each resource (address or URN) is written, when the source tells: SARIF results point there. */
  readonly positions?: ReadonlyMap<string, SourcePosition>;
}

/** A format name. */
export type FormatName = "text" | "json" | "sarif" | "junit" | "html";

/** Renders one run. */
export type Renderer = (report: Report, context: RenderContext) => string;

/** The formats `--format` accepts. */
export const FORMATS: Readonly<Record<FormatName, Renderer>> = {
  text: renderText,
  json: renderJson,
  // Loaded when asked for: a run renders one format, and the HTML map's modules are the largest.
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy loads; `import` would load them at start-up */
  sarif: (report, context) => (require("./sarif-format") as typeof import("./sarif-format")).renderSarif(report, context),
  junit: (report) => (require("./junit-format") as typeof import("./junit-format")).renderJunit(report),
  html: (report, context) => (require("./html-format") as typeof import("./html-format")).renderHtml(report, context),
  /* eslint-enable @typescript-eslint/no-require-imports */
};

/** True when `name` is a known format. */
export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}
