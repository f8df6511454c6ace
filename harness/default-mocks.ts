// What the harness's mocks answer when a program registers a resource or calls a provider function,
// unless the caller supplies its own answers.
import { outputOnlyAttributes } from "./computed-attributes";

/** The AWS account id used in mocked ARNs and caller identities. */
export const MOCK_ACCOUNT_ID = "123456789012";

/** The region used when neither the resource, its provider nor the stack config names one. */
export const MOCK_FALLBACK_REGION = "us-east-1";

/** What a mock is asked when the program registers a resource. */
export interface MockResourceRequest {
  /** Resource type token, e.g. `aws:backup/vault:Vault`. */
  type: string;
  /** Logical name given in the program. */
  name: string;
  /** Inputs as the SDK deserialized them (unknowns are `pulumi.Unknown` objects in preview). */
  inputs: Record<string, unknown>;
  /** Provider reference `"<providerUrn>::<providerId>"`, or `""` for the default provider. */
  provider: string;
  /** False for component resources. */
  custom: boolean;
  /** Import id, if the program imports or reads the resource. */
  id?: string;
  /** True when the program runs as a preview (`pulumi preview`), false for an update. */
  preview: boolean;
  /** Project name. */
  project: string;
  /** Stack name. */
  stack: string;
  /** Stack configuration (`"ns:key"` → string). */
  stackConfig: Readonly<Record<string, string>>;
  /** Inputs of the explicit provider named by `provider`, when it was registered in this program. */
  providerInputs?: Readonly<Record<string, unknown>>;
}

/** What a mock answers: the physical id (empty or absent = unknown in preview) and the output state. */
export interface MockResourceResponse {
  /** Physical id; `""` or `undefined` leaves it unknown in preview. */
  id?: string;
  /** Output properties. In preview, outputs left out here resolve as unknown in the program. */
  state: Record<string, unknown>;
}

/** Computes a resource's mocked outputs. */
export type MockOutputsFunction = (request: MockResourceRequest) => MockResourceResponse | Promise<MockResourceResponse>;

/** What a mock is asked when the program calls a provider function (an "invoke"). */
export interface MockCallRequest {
  /** Function token, e.g. `aws:index/getCallerIdentity:getCallerIdentity`. */
  token: string;
  /** Arguments of the call. */
  inputs: Record<string, unknown>;
  /** Provider reference, or `""`/`undefined` for the default provider. */
  provider?: string;
  /** Stack configuration (`"ns:key"` → string). */
  stackConfig: Readonly<Record<string, string>>;
}

/** Computes the result of a provider function call. */
export type MockCallFunction = (request: MockCallRequest) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** The region a resource lands in: its own `region` input, its explicit provider's, the stack's `aws:region`. */
export function effectiveRegion(request: MockResourceRequest): string {
  const own = request.inputs["region"];
  if (typeof own === "string" && own !== "") {
    return own;
  }
  const fromProvider = request.providerInputs?.["region"];
  if (typeof fromProvider === "string" && fromProvider !== "") {
    return fromProvider;
  }
  return request.stackConfig["aws:region"] ?? MOCK_FALLBACK_REGION;
}

function parseJsonList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The account of a provider's settings: its last assumed role, else its first allowed account id. */
function accountOfSettings(settings: Readonly<Record<string, unknown>>): string | undefined {
  const roles = parseJsonList(settings["assumeRoles"]);
  const last = roles[roles.length - 1] as { roleArn?: unknown } | undefined;
  const fromRole = typeof last?.roleArn === "string" ? /^arn:[^:]+:iam::(\d{12}):/.exec(last.roleArn)?.[1] : undefined;
  if (fromRole) return fromRole;
  return parseJsonList(settings["allowedAccountIds"]).find((id): id is string => typeof id === "string" && /^\d{12}$/.test(id));
}

/**
 * The account a resource lands in: from its explicit provider's settings (last assumed role, allowed
 * account ids), else the deploying (ambient) account, which the stack config's `aws:allowedAccountIds`
 * names when set, else {@link MOCK_ACCOUNT_ID}.
 */
export function effectiveAccount(request: MockResourceRequest): string {
  const stackSettings = { assumeRoles: request.stackConfig["aws:assumeRoles"], allowedAccountIds: request.stackConfig["aws:allowedAccountIds"] };
  const ambient = accountOfSettings({ allowedAccountIds: stackSettings.allowedAccountIds }) ?? MOCK_ACCOUNT_ID;
  const own = accountOfSettings(request.providerInputs ?? stackSettings);
  return own ?? ambient;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

function stringInput(request: MockResourceRequest, key: string): string {
  const value = request.inputs[key];
  return typeof value === "string" && value !== "" ? value : request.name;
}

/**
 * A plausible ARN for an AWS resource: `arn:aws:<service>:<region>:<account>:<resource>`, with the
 * real layouts of the types backup policies care about (backup vaults, S3 buckets, IAM, RDS, DynamoDB).
 */
export function plausibleArn(request: MockResourceRequest): string {
  const [, modulePath = "", typeName = ""] = request.type.split(":");
  const service = modulePath.split("/")[0] ?? modulePath;
  const region = effectiveRegion(request);
  const account = effectiveAccount(request);
  const prefix = `arn:aws:${service}:${region}:${account}`;
  switch (request.type) {
    case "aws:backup/vault:Vault":
    case "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault":
      return `${prefix}:backup-vault:${stringInput(request, "name")}`;
    case "aws:backup/plan:Plan":
      return `${prefix}:backup-plan:${request.name}-id`;
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2":
      return `arn:aws:s3:::${stringInput(request, "bucket")}`;
    case "aws:rds/instance:Instance":
      return `${prefix}:db:${stringInput(request, "identifier")}`;
    case "aws:rds/cluster:Cluster":
      return `${prefix}:cluster:${stringInput(request, "clusterIdentifier")}`;
    case "aws:dynamodb/table:Table":
      return `${prefix}:table/${stringInput(request, "name")}`;
    default:
      break;
  }
  if (service === "iam") {
    return `arn:aws:iam::${account}:${kebab(typeName)}/${stringInput(request, "name")}`;
  }
  return `${prefix}:${kebab(typeName)}/${stringInput(request, "name")}`;
}

/**
 * The harness's default mock outputs.
 * - Preview: outputs are the inputs only, so every computed attribute (`id`, `arn`, ...) stays unknown,
 *   as in a real `pulumi preview` of a create.
 * - Update: `id = "<name>-id"`, outputs are the inputs plus a plausible `arn` for AWS types that have one.
 */
export function defaultMockOutputs(request: MockResourceRequest): MockResourceResponse {
  if (request.preview) {
    return { id: "", state: { ...request.inputs } };
  }
  const state: Record<string, unknown> = { ...request.inputs };
  if (request.custom && request.type.startsWith("aws:") && state["arn"] === undefined) {
    if (outputOnlyAttributes(request.type)?.includes("arn")) {
      state["arn"] = plausibleArn(request);
    }
  }
  return { id: request.custom ? `${request.name}-id` : undefined, state };
}

/**
 * The harness's default answers to provider function calls: a caller identity in {@link MOCK_ACCOUNT_ID},
 * the stack's region, the `aws` partition; any other call echoes its arguments.
 */
export function defaultMockCall(request: MockCallRequest): Record<string, unknown> {
  const region = request.stackConfig["aws:region"] ?? MOCK_FALLBACK_REGION;
  switch (request.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: MOCK_ACCOUNT_ID,
        arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/harness`,
        id: MOCK_ACCOUNT_ID,
        userId: "AIDAHARNESS",
      };
    case "aws:index/getRegion:getRegion":
      return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    default:
      return { ...request.inputs };
  }
}
