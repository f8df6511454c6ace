import { JsonObject } from "./json";
import { SourceVocabulary } from "./source-vocabulary";

/** The provider a resource is managed by, with its configuration (values as the engine sends them). */
export interface PlannedProvider {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: JsonObject;
}

/** Where a resource's properties came from: that decides which facts can be known. */
export type PropsOrigin =
  /** checked inputs (Pulumi `Analyze`, Terraform configuration) */
  | "inputs"
  /** planned or actual outputs (Pulumi `AnalyzeStack`, Terraform planned values) */
  | "outputs";

/**
 * One resource of a planned deployment, in a source-neutral shape: raw property values (unknown
 * sentinels kept), its provider, and the resources its properties were computed from.
 */
export interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: JsonObject;
  readonly origin: PropsOrigin;
  readonly provider?: PlannedProvider;
  /** All resources this one depends on. */
  readonly dependencies: readonly string[];
  /** Per top-level property, the resources its value was computed from. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly parent?: string;
  /** Top-level properties whose value was taken from the checked inputs because the outputs lost them. */
  readonly filledFromInputs?: readonly string[];
  /** Top-level properties whose checked inputs held values unknown during preview: the program set them. */
  readonly unknownInInputs?: readonly string[];
}

/** A planned deployment: the resources the analysis sees plus the stack configuration. */
export interface PlannedStack {
  readonly resources: readonly PlannedResource[];
  /** Stack configuration, `namespace:key` -> string value (as `PULUMI_CONFIG` carries it). */
  readonly stackConfig: Readonly<Record<string, string>>;
  /**
   * `resource`: a single resource seen on its own (Pulumi `Analyze`): only findings that this resource
   * proves by itself may be reported. `stack`: the whole deployment.
   */
  readonly scope: "resource" | "stack";
  /** How the source program spells fixes and evidence (set by the adapter); absent: a Pulumi program. */
  readonly vocabulary?: SourceVocabulary;
}

/** Indexes of a planned stack, built once per analysis. */
export class StackIndex {
  private readonly urns = new Map<string, PlannedResource>();
  private readonly types = new Map<string, PlannedResource[]>();
  /** Per type, the stack positions of its resources (parallel to `types`): lists of several types merge in stack order. */
  private readonly positions = new Map<string, number[]>();
  /** Reverse `propertyDependencies`: per property, URN → its dependents (built per property on first use). */
  private readonly dependents = new Map<string, Map<string, PlannedResource[]>>();
  private readonly multiTypes = new Map<string, PlannedResource[]>();

  constructor(readonly stack: PlannedStack) {
    const resources = stack.resources;
    for (let i = 0; i < resources.length; i++) {
      const resource = resources[i];
      this.urns.set(resource.urn, resource);
      const list = this.types.get(resource.type);
      if (list) {
        list.push(resource);
        (this.positions.get(resource.type) as number[]).push(i);
      } else {
        this.types.set(resource.type, [resource]);
        this.positions.set(resource.type, [i]);
      }
    }
  }

  /** The resource with this URN, if it is part of the analysis. */
  byUrn(urn: string): PlannedResource | undefined {
    return this.urns.get(urn);
  }

  /** Resources of any of these type tokens, in stack order (the array is shared: do not modify it). */
  ofTypes(types: readonly string[]): PlannedResource[] {
    if (types.length === 1) return this.types.get(types[0]) ?? [];
    const key = types.join("\u0000");
    const cached = this.multiTypes.get(key);
    if (cached) return cached;
    // Merged from the per-type lists by stack position: no scan of the whole stack per list of types.
    const present = [...new Set(types)].filter((type) => this.types.has(type));
    let out: PlannedResource[];
    if (present.length <= 1) out = present.length === 0 ? [] : [...(this.types.get(present[0]) as PlannedResource[])];
    else {
      const order = present.flatMap((type) => this.positions.get(type) as number[]).sort((a, b) => a - b);
      out = order.map((i) => this.stack.resources[i]);
    }
    this.multiTypes.set(key, out);
    return out;
  }

  /** The resources whose `property` was computed from `resource` (reverse `propertyDependencies`). */
  dependentsOf(resource: PlannedResource, property: string): PlannedResource[] {
    let byUrn = this.dependents.get(property);
    if (!byUrn) {
      // Indexed per property: queries name a few properties, while most dependencies of a large stack are
      // on others (e.g. every bucket sub-resource's `bucket`), which need no entry then.
      byUrn = new Map<string, PlannedResource[]>();
      const resources = this.stack.resources;
      // An index loop: it visits every resource of the stack, and for..of allocates an iterator result per resource until optimised.
      for (let i = 0; i < resources.length; i++) {
        const dependent = resources[i];
        const dependencies = dependent.propertyDependencies;
        if (!Object.prototype.hasOwnProperty.call(dependencies, property)) continue;
        const urns = dependencies[property];
        // A URN listed twice makes one dependent.
        for (const urn of urns.length > 1 ? new Set(urns) : urns) {
          const list = byUrn.get(urn);
          if (list) list.push(dependent);
          else byUrn.set(urn, [dependent]);
        }
      }
      this.dependents.set(property, byUrn);
    }
    return byUrn.get(resource.urn) ?? [];
  }

  /** The in-stack resources a top-level property was computed from. */
  dependenciesOf(resource: PlannedResource, property: string): PlannedResource[] {
    const urns = resource.propertyDependencies[property] ?? [];
    const out: PlannedResource[] = [];
    for (const urn of urns) {
      const found = this.urns.get(urn);
      if (found && !out.includes(found)) out.push(found);
    }
    return out;
  }
}
