// Runs a real Pulumi program (one that creates @pulumi/aws resources) under the SDK's mocks and records
// every raw RegisterResource request it sends, exactly as the engine would receive them.
import * as pulumi from "@pulumi/pulumi";
import type {
  RegisterResourceOutputsRequest,
  RegisterResourceRequest,
  RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import {
  defaultMockCall,
  defaultMockOutputs,
  type MockCallFunction,
  type MockOutputsFunction,
  type MockResourceRequest,
} from "./default-mocks";
import { loadProgramModule } from "./program-loader";
import { type JsonObject, toJsonObject } from "./wire-values";

/** A Pulumi program: a function that creates resources, or the path of a compiled JS module to run. */
export type ProgramSource = (() => unknown) | string;

/** Resource options as the SDK sent them (only the ones that were set, plus the always-present lists). */
export interface CapturedResourceOptions {
  /** `protect` option. */
  protect: boolean;
  /** `ignoreChanges` option. */
  ignoreChanges: string[];
  /** `deleteBeforeReplace`, present only when the program set it. */
  deleteBeforeReplace?: boolean;
  /** `additionalSecretOutputs` option. */
  additionalSecretOutputs: string[];
  /** Aliases as URNs (alias specs are turned into URNs with the MockMonitor's URN rule). */
  aliases: string[];
  /** `customTimeouts` as Go duration strings (e.g. `"5m"`), present only when one was set. */
  customTimeouts?: { create?: string; update?: string; delete?: string };
  /** `retainOnDelete`, present only when set. */
  retainOnDelete?: boolean;
  /** URN given to `deletedWith`, present only when set. */
  deletedWith?: string;
  /** `replaceOnChanges` option. */
  replaceOnChanges: string[];
  /** Import id, present only when the program imports the resource. */
  importId?: string;
}

/** One RegisterResource request captured from the program, with the mock's answer. */
export interface CapturedResource {
  /** Type token, e.g. `aws:backup/vault:Vault`. */
  type: string;
  /** Logical name. */
  name: string;
  /** URN by the MockMonitor's rule: `urn:pulumi:<stack>::<project>::[<parentType>$]<type>::<name>`. */
  urn: string;
  /** Parent URN, `""` when the program gave none (under mocks there is no root stack resource). */
  parent: string;
  /** False for component resources. */
  custom: boolean;
  /** Provider reference `"<providerUrn>::<providerId>"`, `""` for the default provider. */
  provider: string;
  /** Package version the SDK sent (e.g. `7.48.0` for @pulumi/aws), `""` for components. */
  version: string;
  /** URNs this resource depends on (explicit `dependsOn` plus every property dependency). */
  dependencies: string[];
  /** Top-level input name → URNs it was computed from; empty lists dropped. */
  propertyDependencies: Record<string, string[]>;
  /** Raw inputs as sent (`getObject().toJavaScript()`): unknown sentinels, secret and resource-reference signatures kept. */
  object: JsonObject;
  /** Resource options. */
  options: CapturedResourceOptions;
  /** Physical id the mock answered (`""` = unknown in preview). */
  id: string;
  /** Output state the mock answered, serialized as on the wire. */
  outputs: JsonObject;
  /** Outputs registered later with `registerOutputs` (component resources), if any. */
  registeredOutputs?: JsonObject;
}

/** Everything one program run registered. */
export interface ProgramCapture {
  /** Project name. */
  project: string;
  /** Stack name. */
  stack: string;
  /** Organization name. */
  organization: string;
  /** True when captured as a preview. */
  preview: boolean;
  /** Stack configuration the program saw (`"ns:key"` → string). */
  stackConfig: Record<string, string>;
  /** Resources in registration order. */
  resources: CapturedResource[];
}

/** Options of {@link captureProgram}. */
export interface CaptureProgramOptions {
  /** The program to run. */
  program: ProgramSource;
  /** Project name (as in `Pulumi.yaml`). */
  project: string;
  /** Stack name. */
  stack: string;
  /** Run as `pulumi preview` (default true) or as an update. */
  preview?: boolean;
  /** Organization name (default `"organization"`, what the CLI uses with a local backend). */
  organization?: string;
  /** Stack configuration, `"ns:key"` → string, e.g. `{"aws:region": "eu-west-3"}`. */
  stackConfig?: Record<string, string>;
  /** Computes mocked resource outputs; default {@link defaultMockOutputs}. */
  mockOutputs?: MockOutputsFunction;
  /** Answers provider function calls; default {@link defaultMockCall}. */
  mockCall?: MockCallFunction;
}

/** Error raised when the program or the registration of one of its resources failed. */
export class ProgramCaptureError extends Error {
  /** Creates the error; `failures` lists the resources whose registration failed. */
  constructor(
    message: string,
    readonly failures: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ProgramCaptureError";
  }
}

type Callback<T> = (error: Error | null, response?: T) => void;

/** The two monitor methods the capture wraps (the MockMonitor implements them with these shapes). */
interface CapturableMonitor {
  registerResource(request: RegisterResourceRequest, callback: Callback<RegisterResourceResponse>): unknown;
  registerResourceOutputs(request: RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
}

/** Computes a URN with the MockMonitor's rule (only the parent's last type segment qualifies the type). */
export function mockUrn(project: string, stack: string, type: string, name: string, parent = ""): string {
  let qualified = type;
  if (parent) {
    const parentQualifiedType = parent.split("::")[2] ?? "";
    qualified = `${parentQualifiedType.split("$").pop()}$${type}`;
  }
  return `urn:pulumi:${[stack, project, qualified, name].join("::")}`;
}

function aliasUrns(request: RegisterResourceRequest, project: string, stack: string): string[] {
  const urns = [...request.getAliasurnsList()];
  for (const alias of request.getAliasesList()) {
    if (alias.getUrn()) {
      urns.push(alias.getUrn());
      continue;
    }
    const spec = alias.getSpec();
    if (!spec) {
      continue;
    }
    const parent = spec.getNoparent() ? "" : spec.getParenturn() || request.getParent();
    urns.push(
      mockUrn(
        spec.getProject() || project,
        spec.getStack() || stack,
        spec.getType() || request.getType(),
        spec.getName() || request.getName(),
        parent,
      ),
    );
  }
  return urns;
}

function captureOptions(request: RegisterResourceRequest, project: string, stack: string): CapturedResourceOptions {
  const options: CapturedResourceOptions = {
    protect: request.getProtect() ?? false,
    ignoreChanges: request.getIgnorechangesList(),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    aliases: aliasUrns(request, project, stack),
    replaceOnChanges: request.getReplaceonchangesList(),
  };
  if (request.getDeletebeforereplacedefined()) {
    options.deleteBeforeReplace = request.getDeletebeforereplace();
  }
  const timeouts = request.getCustomtimeouts();
  if (timeouts && (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete())) {
    options.customTimeouts = {};
    if (timeouts.getCreate()) options.customTimeouts.create = timeouts.getCreate();
    if (timeouts.getUpdate()) options.customTimeouts.update = timeouts.getUpdate();
    if (timeouts.getDelete()) options.customTimeouts.delete = timeouts.getDelete();
  }
  if (request.hasRetainondelete()) {
    options.retainOnDelete = request.getRetainondelete() ?? false;
  }
  if (request.getDeletedwith()) {
    options.deletedWith = request.getDeletedwith();
  }
  if (request.getImportid()) {
    options.importId = request.getImportid();
  }
  return options;
}

function propertyDependencies(request: RegisterResourceRequest): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  request.getPropertydependenciesMap().forEach((deps, key) => {
    const urns = deps.getUrnsList();
    if (urns.length > 0) {
      result[key] = [...urns];
    }
  });
  return result;
}

function providerUrnOf(reference: string): string {
  const cut = reference.lastIndexOf("::");
  return cut >= 0 ? reference.slice(0, cut) : reference;
}

async function runProgram(program: ProgramSource): Promise<void> {
  let result: unknown;
  if (typeof program === "function") {
    result = program();
  } else {
    const exported = loadProgramModule(program);
    // Like the Node language host: an exported function (or default export) is the program itself.
    const entry =
      typeof exported === "function"
        ? exported
        : typeof (exported as { default?: unknown } | undefined)?.default === "function"
          ? (exported as { default: () => unknown }).default
          : undefined;
    result = entry ? entry() : exported;
  }
  await result;
}

// The Pulumi runtime is process-global: captures must not overlap.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and returns every resource it registered,
 * in registration order, as plain data. Each call starts from a fresh runtime state (mocks, monitor,
 * root resource, stack config), so it can be called many times in one process; calls are serialized.
 */
export function captureProgram(options: CaptureProgramOptions): Promise<ProgramCapture> {
  const run = queue.then(() => captureNow(options));
  queue = run.catch(() => undefined);
  return run;
}

async function captureNow(options: CaptureProgramOptions): Promise<ProgramCapture> {
  const preview = options.preview ?? true;
  const organization = options.organization ?? "organization";
  const stackConfig = { ...(options.stackConfig ?? {}) };
  const mockOutputs = options.mockOutputs ?? defaultMockOutputs;
  const mockCall = options.mockCall ?? defaultMockCall;
  const { project, stack } = options;

  const resources: CapturedResource[] = [];
  const byUrn = new Map<string, CapturedResource>();
  const providerInputs = new Map<string, Record<string, unknown>>();
  const failures: string[] = [];

  await pulumi.runtime.setMocks(
    {
      newResource: async (args: pulumi.runtime.MockResourceArgs) => {
        const request: MockResourceRequest = {
          type: args.type,
          name: args.name,
          inputs: (args.inputs ?? {}) as Record<string, unknown>,
          provider: args.provider ?? "",
          custom: args.custom ?? true,
          preview,
          project,
          stack,
          stackConfig,
        };
        if (args.id) request.id = args.id;
        const fromProvider = args.provider ? providerInputs.get(providerUrnOf(args.provider)) : undefined;
        if (fromProvider) request.providerInputs = fromProvider;
        try {
          const response = await mockOutputs(request);
          return { id: response.id, state: response.state };
        } catch (error) {
          // Answer anyway: a failed registration would reject the resource's outputs, which nobody
          // handles (an unhandled rejection). The capture fails at the end instead.
          failures.push(`${args.type}::${args.name}: ${error instanceof Error ? error.message : String(error)}`);
          return { id: "", state: {} };
        }
      },
      call: (args: pulumi.runtime.MockCallArgs) =>
        mockCall({ token: args.token, inputs: (args.inputs ?? {}) as Record<string, unknown>, provider: args.provider, stackConfig }),
    },
    project,
    stack,
    preview,
    organization,
  );
  const previousConfig = pulumi.runtime.allConfig();
  pulumi.runtime.setAllConfig(stackConfig);

  const monitor = pulumi.runtime.getMonitor() as unknown as CapturableMonitor;
  const registerResource = monitor.registerResource.bind(monitor);
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const object = toJsonObject((request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>);
    if (request.getType().startsWith("pulumi:providers:")) {
      providerInputs.set(mockUrn(project, stack, request.getType(), request.getName(), request.getParent()), object);
    }
    return registerResource(request, (error, response) => {
      if (error || !response) {
        failures.push(`${request.getType()}::${request.getName()}: ${error?.message ?? "no response"}`);
      } else {
        const captured: CapturedResource = {
          type: request.getType(),
          name: request.getName(),
          urn: response.getUrn() || mockUrn(project, stack, request.getType(), request.getName(), request.getParent()),
          parent: request.getParent(),
          custom: request.getCustom(),
          provider: request.getProvider(),
          version: request.getVersion(),
          dependencies: [...request.getDependenciesList()],
          propertyDependencies: propertyDependencies(request),
          object,
          options: captureOptions(request, project, stack),
          id: response.getId(),
          outputs: toJsonObject((response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>),
        };
        resources.push(captured);
        byUrn.set(captured.urn, captured);
      }
      callback(error, response);
    });
  };
  monitor.registerResourceOutputs = (request, callback) => {
    const target = byUrn.get(request.getUrn());
    if (target) {
      target.registeredOutputs = toJsonObject((request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>);
    }
    return registerResourceOutputs(request, callback);
  };

  // A program's stray rejected promises would crash Node (the language host installs a handler that
  // logs them): record them as failures of this capture instead. (Under Jest, Jest sees them first.)
  const onUnhandledRejection = (reason: unknown) => {
    failures.push(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  };
  process.on("unhandledRejection", onUnhandledRejection);
  let programError: unknown;
  try {
    await runProgram(options.program);
  } catch (err) {
    programError = err;
  }
  try {
    // Drains every outstanding registration (works under mocks).
    await pulumi.runtime.disconnect();
    // Unhandled rejections are reported after the microtask queue drains: give them a turn.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("unhandledRejection", onUnhandledRejection);
    pulumi.runtime.setAllConfig(previousConfig);
  }
  if (programError !== undefined) {
    const message = programError instanceof Error ? programError.message : String(programError);
    throw new ProgramCaptureError(`the program failed: ${message}`, failures, { cause: programError });
  }
  if (failures.length > 0) {
    throw new ProgramCaptureError(`registering resources failed:\n  ${failures.join("\n  ")}`, failures);
  }
  return { project, stack, organization, preview, stackConfig, resources };
}
