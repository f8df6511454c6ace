// The output formats of the command, by name. A format renders the report of one run; formats that
// draw the deployment (the HTML map of copies, `--format html`) also read the protection model.
import { ProtectionModel } from "../core/protection-model";
import { SourcePosition } from "../core/source-position";
import { renderHtml } from "./html-format";
import { renderJson } from "./json-format";
import { renderJunit } from "./junit-format";
import { Report } from "./report";
import { renderSarif } from "./sarif-format";
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
  sarif: renderSarif,
  junit: renderJunit,
  html: renderHtml,
};

/** True when `name` is a known format. */
export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}
