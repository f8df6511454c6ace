// Which attributes of a resource type are output-only ("computed"), read from the generated SDK.
// A generated resource class sets `resourceInputs["arn"] = undefined /*out*/;` for each of them;
// the provider fills them in at create time, so in a preview they are unknown.
import * as fs from "fs";
import * as path from "path";

const OUTPUT_ONLY = /resourceInputs\["([A-Za-z0-9_]+)"\] = undefined \/\*out\*\//g;

const cache = new Map<string, readonly string[] | undefined>();

/** Packages whose npm name is not `@pulumi/<package>`. */
const NPM_PACKAGES: Readonly<Record<string, string>> = { ovh: "@ovhcloud/pulumi-ovh" };

/**
 * Finds the generated JavaScript file of a resource type token such as `aws:backup/vault:Vault`
 * (`@pulumi/aws/backup/vault.js`) or `ovh:CloudProject/database:Database`
 * (`@ovhcloud/pulumi-ovh/cloudproject/database.js`), or `undefined` when the package or module is not installed.
 */
export function sdkSourceFile(type: string, searchFrom: string = __dirname): string | undefined {
  const [pkg, modulePath] = type.split(":");
  if (!pkg || !modulePath || pkg === "pulumi") {
    return undefined;
  }
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve(`${NPM_PACKAGES[pkg] ?? `@pulumi/${pkg}`}/package.json`, { paths: [searchFrom] }));
  } catch {
    return undefined;
  }
  // Modules of the index live at the package root; other module folders are lower case in some SDKs.
  const relative = modulePath === "index" ? "index" : modulePath.replace(/^index\//, "");
  const candidates = [relative, relative.replace(/^[^/]+\//, (folder) => folder.toLowerCase())];
  const file = candidates.map((c) => path.join(packageDir, c) + ".js").find((f) => fs.existsSync(f));
  return file;
}

/**
 * Lists the output-only attributes of a resource type, e.g. `["arn", "recoveryPoints", "tagsAll"]` for
 * `aws:backup/vault:Vault`, in the order the SDK declares them. Returns `undefined` when the type's
 * generated SDK source cannot be found.
 */
export function outputOnlyAttributes(type: string, searchFrom?: string): readonly string[] | undefined {
  const key = `${searchFrom ?? ""}|${type}`;
  if (cache.has(key)) {
    return cache.get(key);
  }
  const file = sdkSourceFile(type, searchFrom);
  let attributes: string[] | undefined;
  if (file) {
    const source = fs.readFileSync(file, "utf8");
    // Only the constructor of the class that owns this exact token counts (a module may hold several).
    const start = source.indexOf(`__pulumiType = '${type}'`);
    let classBody: string;
    if (start >= 0 && /^\s*static /.test(source.slice(source.lastIndexOf("\n", start) + 1, start))) {
      // `static __pulumiType = '...'` opens the class body (@pulumi/aws)...
      const body = source.slice(start);
      const end = body.indexOf("\nexports.");
      classBody = end >= 0 ? body.slice(0, end) : body;
    } else {
      // ...or `Class.__pulumiType = '...'` follows it (@ovhcloud/pulumi-ovh).
      classBody = start >= 0 ? source.slice(source.lastIndexOf("\nclass ", start) + 1, start) : source;
    }
    attributes = [...new Set([...classBody.matchAll(OUTPUT_ONLY)].map((match) => match[1] as string))];
  }
  cache.set(key, attributes);
  return attributes;
}
