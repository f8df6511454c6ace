// Which optional inputs of an @pulumi/aws type the provider computes when the program leaves them out
// (Terraform "Optional + Computed", e.g. `multiAz`, `availabilityZoneName`, a bucket's `versioning`).
// In a real preview the engine sends them as unknown in AnalyzeStack outputs. Read from the SDK typings:
// an optional `Args` property whose class output is `pulumi.Output<T>` without `| undefined`.
import * as fs from "fs";
import { sdkSourceFile } from "../../harness/computed-attributes";

const cache = new Map<string, readonly string[]>();

export function optionalComputedAttributes(type: string): readonly string[] {
  const cached = cache.get(type);
  if (cached) return cached;
  const js = sdkSourceFile(type);
  const className = type.split(":")[2];
  let found: string[] = [];
  if (js && className) {
    const dts = fs.readFileSync(js.replace(/\.js$/, ".d.ts"), "utf8");
    const classStart = dts.indexOf(`export declare class ${className} `);
    const classBody = classStart >= 0 ? dts.slice(classStart, dts.indexOf("\n}\n", classStart)) : "";
    const argsStart = dts.indexOf(`export interface ${className}Args {`);
    const argsBody = argsStart >= 0 ? dts.slice(argsStart, dts.indexOf("\n}\n", argsStart)) : "";
    const optionalInputs = new Set([...argsBody.matchAll(/^ {4}([A-Za-z0-9_]+)\?: /gm)].map((m) => m[1]));
    found = [...classBody.matchAll(/^ {4}readonly ([A-Za-z0-9_]+): pulumi\.Output<(.*)>;$/gm)]
      .filter((m) => optionalInputs.has(m[1]) && !m[2].includes("| undefined"))
      .map((m) => m[1]);
  }
  cache.set(type, found);
  return found;
}
