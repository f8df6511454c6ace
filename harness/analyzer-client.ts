// A typed, promise-based client for a policy pack's Analyzer gRPC service, answering plain data.
import {
  AnalyzeDiagnostic,
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerInfo,
  AnalyzerStackConfigureRequest,
  AnalyzeStackRequest,
  ConfigureAnalyzerRequest,
  EnforcementLevel,
  PolicyConfig,
  PolicySeverity,
  PolicyType,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { toAnalyzeRequest, toAnalyzeStackRequest, toStruct } from "./analyzer-proto";
import type {
  AnalyzeResult,
  AnalyzerInfoData,
  EnforcementLevelName,
  PolicyDiagnostic,
  PolicyInfoData,
  PolicyPackConfig,
  SeverityName,
  StackConfiguration,
} from "./analyzer-types";
import type { EngineAnalyzeRequest, EngineStackResource } from "./engine-requests";
import { emptyPb, grpc } from "./pulumi-deps";
import { type JsonObject, toJsonObject } from "./wire-values";

export type {
  AnalyzeResult,
  AnalyzerInfoData,
  EnforcementLevelName,
  PolicyDiagnostic,
  PolicyInfoData,
  PolicyPackConfig,
  SeverityName,
  StackConfiguration,
} from "./analyzer-types";
export { engineStylePolicyConfig, type PolicyConfigFile, type PolicyConfigFileEntry } from "./policy-pack-config";

/** The engine raises gRPC message limits to 400 MiB for analyzers; so do we. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** Converts a protobuf enforcement level into its name. */
export function enforcementLevelName(level: EnforcementLevel): EnforcementLevelName {
  switch (level) {
    case EnforcementLevel.MANDATORY:
      return "mandatory";
    case EnforcementLevel.REMEDIATE:
      return "remediate";
    case EnforcementLevel.DISABLED:
      return "disabled";
    default:
      return "advisory";
  }
}

/** Converts an enforcement level name into the protobuf enum. */
export function enforcementLevelValue(level: EnforcementLevelName): EnforcementLevel {
  switch (level) {
    case "mandatory":
      return EnforcementLevel.MANDATORY;
    case "remediate":
      return EnforcementLevel.REMEDIATE;
    case "disabled":
      return EnforcementLevel.DISABLED;
    default:
      return EnforcementLevel.ADVISORY;
  }
}

function severityName(severity: PolicySeverity): SeverityName {
  switch (severity) {
    case PolicySeverity.POLICY_SEVERITY_LOW:
      return "low";
    case PolicySeverity.POLICY_SEVERITY_MEDIUM:
      return "medium";
    case PolicySeverity.POLICY_SEVERITY_HIGH:
      return "high";
    case PolicySeverity.POLICY_SEVERITY_CRITICAL:
      return "critical";
    default:
      return "";
  }
}

function policyTypeName(type: PolicyType): PolicyInfoData["policyType"] {
  switch (type) {
    case PolicyType.POLICY_TYPE_RESOURCE:
      return "resource";
    case PolicyType.POLICY_TYPE_STACK:
      return "stack";
    default:
      return "unknown";
  }
}

function structToJson(struct: { toJavaScript(): Record<string, unknown> } | undefined): JsonObject {
  return toJsonObject(struct?.toJavaScript());
}

/** Converts GetAnalyzerInfo's answer into plain data. */
export function analyzerInfoData(info: AnalyzerInfo): AnalyzerInfoData {
  const initialConfig: AnalyzerInfoData["initialConfig"] = {};
  info.getInitialconfigMap().forEach((config: PolicyConfig, name: string) => {
    initialConfig[name] = {
      enforcementLevel: enforcementLevelName(config.getEnforcementlevel()),
      properties: structToJson(config.getProperties()),
    };
  });
  return {
    name: info.getName(),
    displayName: info.getDisplayname(),
    version: info.getVersion(),
    description: info.getDescription(),
    supportsConfig: info.getSupportsconfig(),
    policies: info.getPoliciesList().map((policy) => {
      const data: PolicyInfoData = {
        name: policy.getName(),
        displayName: policy.getDisplayname(),
        description: policy.getDescription(),
        enforcementLevel: enforcementLevelName(policy.getEnforcementlevel()),
        severity: severityName(policy.getSeverity()),
        policyType: policyTypeName(policy.getPolicyType()),
      };
      const schema = policy.getConfigschema();
      if (schema) {
        data.configSchema = { properties: structToJson(schema.getProperties()), required: schema.getRequiredList() };
      }
      return data;
    }),
    initialConfig,
  };
}

/** Converts one protobuf diagnostic into plain data. */
export function diagnosticData(diagnostic: AnalyzeDiagnostic): PolicyDiagnostic {
  return {
    policyName: diagnostic.getPolicyname(),
    policyPackName: diagnostic.getPolicypackname(),
    policyPackVersion: diagnostic.getPolicypackversion(),
    description: diagnostic.getDescription(),
    message: diagnostic.getMessage(),
    enforcementLevel: enforcementLevelName(diagnostic.getEnforcementlevel()),
    urn: diagnostic.getUrn(),
    severity: severityName(diagnostic.getSeverity()),
  };
}

/** Converts an Analyze/AnalyzeStack answer into plain data. */
export function analyzeResultData(response: AnalyzeResponse): AnalyzeResult {
  return {
    diagnostics: response.getDiagnosticsList().map(diagnosticData),
    notApplicable: response.getNotApplicableList().map((entry) => ({ policyName: entry.getPolicyName(), reason: entry.getReason() })),
  };
}

/** Builds the Configure request for a policy config map (every entry carries a level and a properties Struct). */
export function configureRequest(config: PolicyPackConfig): ConfigureAnalyzerRequest {
  const request = new ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [name, entry] of Object.entries(config)) {
    const message = new PolicyConfig();
    message.setEnforcementlevel(enforcementLevelValue(entry.enforcementLevel));
    // Always set: the Node pack calls getProperties().toJavaScript() unconditionally.
    message.setProperties(toStruct(entry.properties));
    map.set(name, message);
  }
  return request;
}

type Unary<Req, Res> = (
  request: Req,
  metadata: InstanceType<typeof grpc.Metadata>,
  options: { deadline: number },
  callback: (error: Error | null, response: Res) => void,
) => unknown;

/** Options of {@link AnalyzerConnection}. */
export interface AnalyzerConnectionOptions {
  /** Deadline of each call in milliseconds (default 120 000). */
  callTimeoutMs?: number;
}

/** A connection to a running policy pack's Analyzer service. Methods resolve with plain data. */
export class AnalyzerConnection {
  private readonly client: AnalyzerClient;

  private readonly callTimeoutMs: number;

  /** Connects (lazily) to `address`, e.g. `127.0.0.1:51234`. */
  constructor(
    readonly address: string,
    options: AnalyzerConnectionOptions = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? 120_000;
    this.client = new AnalyzerClient(address, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
  }

  private call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const options = { deadline: Date.now() + this.callTimeoutMs };
      method.call(this.client, request, new grpc.Metadata(), options, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** GetAnalyzerInfo: the pack's name, version and policies. */
  async getAnalyzerInfo(): Promise<AnalyzerInfoData> {
    const info = await this.call<InstanceType<typeof emptyPb.Empty>, AnalyzerInfo>(this.client.getAnalyzerInfo, new emptyPb.Empty());
    return analyzerInfoData(info);
  }

  /** ConfigureStack: stack identity, config and tags (the engine's proxy forwards this first). */
  async configureStack(configuration: StackConfiguration): Promise<void> {
    const request = new AnalyzerStackConfigureRequest();
    request.setStack(configuration.stack);
    request.setProject(configuration.project);
    request.setOrganization(configuration.organization);
    request.setDryRun(configuration.dryRun);
    request.setConfigSecretKeysList(configuration.configSecretKeys ?? []);
    for (const [key, value] of Object.entries(configuration.config ?? {})) {
      request.getConfigMap().set(key, value);
    }
    for (const [key, value] of Object.entries(configuration.tags ?? {})) {
      request.getTagsMap().set(key, value);
    }
    await this.call(this.client.configureStack, request);
  }

  /** Configure: the reconciled policy config (see {@link engineStylePolicyConfig}). */
  async configure(config: PolicyPackConfig): Promise<void> {
    await this.call(this.client.configure, configureRequest(config));
  }

  /** Analyze one resource's inputs. */
  async analyze(request: EngineAnalyzeRequest | AnalyzeRequest): Promise<AnalyzeResult> {
    const message = request instanceof AnalyzeRequest ? request : toAnalyzeRequest(request);
    return analyzeResultData(await this.call<AnalyzeRequest, AnalyzeResponse>(this.client.analyze, message));
  }

  /** AnalyzeStack: every resource's outputs at once. */
  async analyzeStack(request: readonly EngineStackResource[] | AnalyzeStackRequest): Promise<AnalyzeResult> {
    const message = request instanceof AnalyzeStackRequest ? request : toAnalyzeStackRequest(request);
    return analyzeResultData(await this.call<AnalyzeStackRequest, AnalyzeResponse>(this.client.analyzeStack, message));
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }
}
