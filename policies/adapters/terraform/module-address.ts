/** One step of a module instance address: `module.backup["eu"]` is `{ name: "backup", key: "eu" }`. */
export interface ModuleStep {
  readonly name: string;
  /** The `count` index or `for_each` key; absent for a module called once. */
  readonly key?: string | number;
}

/**
 * Parses a module instance address (`module.a["x"].module.b[0]`) into its steps; `undefined` when it
 * does not have that shape. The root module is `""` (plan JSON omits `module_address` for it).
 */
export function parseModuleAddress(address: string): ModuleStep[] | undefined {
  const steps: ModuleStep[] = [];
  let rest = address;
  while (rest !== "") {
    const head = /^module\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(rest);
    if (!head) return undefined;
    rest = rest.slice(head[0].length);
    let key: string | number | undefined;
    const numeric = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (numeric) {
      key = Number(numeric[1]);
      rest = rest.slice(numeric[0].length);
    } else if (quoted) {
      try {
        key = JSON.parse(`"${quoted[1]}"`) as string;
      } catch {
        return undefined;
      }
      rest = rest.slice(quoted[0].length);
    }
    steps.push(key === undefined ? { name: head[1] } : { name: head[1], key });
    if (rest.startsWith(".")) rest = rest.slice(1);
    else if (rest !== "") return undefined;
  }
  return steps;
}

/** True when `steps` begins with `prefix` (names and keys; a prefix step without key matches any key). */
export function startsWithSteps(steps: readonly ModuleStep[], prefix: readonly ModuleStep[]): boolean {
  if (prefix.length > steps.length) return false;
  return prefix.every((p, i) => p.name === steps[i].name && (p.key === undefined || p.key === steps[i].key));
}
