import { PlannedResource, StackIndex } from "../core/planned-stack";
import { readObject } from "../core/raw-values";
import { isUnknown } from "../core/unknowns";

/** The tags of every resource that sets none (shared: tags are never modified). */
const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A resource's tags, or `undefined` when they cannot be known before the deployment runs (the map or
 * any value unknown): a tag match must then be undecided, never "no match". Read anew on each call: the
 * data stores and the selections keep what they read (a cache keyed by resource costs more than reading
 * the few tags again).
 */
export function resourceTags(resource: PlannedResource | undefined): Readonly<Record<string, string>> | undefined {
  if (!resource) return undefined;
  return readTags(resource);
}

function readTags(resource: PlannedResource): Readonly<Record<string, string>> | undefined {
  const tags = readObject(resource.props, ["tags"]);
  if (tags.state === "absent") return NO_TAGS;
  if (tags.state === "unknown") return undefined;
  const out: Record<string, string> = {};
  const raw = tags.value;
  // for..in with an own-property test visits the keys Object.keys lists, in its order, without allocating that array.
  for (const key in raw) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
    const value = raw[key];
    if (isUnknown(value)) return undefined;
    // AWS tag values are strings: anything else is an unexpected shape, which cannot be judged.
    if (typeof value !== "string") return undefined;
    out[key] = value;
  }
  return out;
}

type Tags = Readonly<Record<string, string>> | undefined;

/**
 * Every resource's tags by URN, each read on first ask: exemption tags are looked up for the resources
 * findings are about, a few among tens of thousands. Iterating builds the whole map.
 */
export class ResourceTagMap implements ReadonlyMap<string, Tags> {
  private all?: Map<string, Tags>;

  constructor(private readonly index: StackIndex) {}

  get(urn: string): Tags {
    const resource = this.index.byUrn(urn);
    return resource ? resourceTags(resource) : undefined;
  }

  has(urn: string): boolean {
    return this.index.byUrn(urn) !== undefined;
  }

  private whole(): Map<string, Tags> {
    if (!this.all) {
      const all = new Map<string, Tags>();
      for (const resource of this.index.stack.resources) all.set(resource.urn, resourceTags(resource));
      this.all = all;
    }
    return this.all;
  }

  get size(): number {
    return this.whole().size;
  }

  forEach(callback: (value: Tags, key: string, map: ReadonlyMap<string, Tags>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.whole()) callback.call(thisArg, value, key, this);
  }

  entries(): IterableIterator<[string, Tags]> {
    return this.whole().entries();
  }

  keys(): IterableIterator<string> {
    return this.whole().keys();
  }

  values(): IterableIterator<Tags> {
    return this.whole().values();
  }

  [Symbol.iterator](): IterableIterator<[string, Tags]> {
    return this.whole()[Symbol.iterator]();
  }
}
