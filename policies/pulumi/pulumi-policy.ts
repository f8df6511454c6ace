import type { PolicyConfigJSONSchemaDefinition, PolicyConfigJSONSchemaType } from "@pulumi/policy/schema";
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  PolicyComplianceFramework,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { analysedResources } from "../aws/analysed-resources";
import { EXTERNAL_VAULTS_POLICY_ID, ExternalVault, externalVaults } from "../aws/external-vaults";
import { ANALYSED_TYPES } from "../clouds/analysed-types";
import { EXEMPTIONS_POLICY_ID, ExemptionContext, ExemptionSettings, NO_EXEMPTION_SETTINGS, exemptionContext } from "../core/exemptions";
import { configErrorText, findingLevel, findingText, internalErrorText } from "../core/finding-level";
import { Finding, findingKey } from "../core/findings";
import { RuleEvaluation } from "../core/evaluate-rule";
import { ProtectionModel } from "../core/protection-model";
import { configProperties } from "../core/rule";
import { resolveRuleConfig } from "../core/rule-config";
import { RegisteredRule } from "../rules";
import { ExemptionsConfig } from "../rules/backup-exemptions";
import { ExternalVaultsConfig } from "../rules/backup-external-vaults";
import { AnalysisSession, ModelBuilder } from "./analysis-session";
import { utcToday } from "./clock";
import { docsUrl } from "./docs-url";

let cloudModelBuilder: typeof import("../clouds/protection-model").buildProtectionModel | undefined;

/**
 * Builds the protection model of every cloud. The cloud models (a third of the pack's modules) are loaded on
 * the first resource to analyse rather than when the pack starts: start-up only needs the policies' metadata.
 */
function buildCloudModel(stack: Parameters<ModelBuilder>[0], externalVaults: readonly ExternalVault[] = []): ReturnType<ModelBuilder> {
  if (!cloudModelBuilder) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; `import` would load it at start-up
    cloudModelBuilder = (require("../clouds/protection-model") as typeof import("../clouds/protection-model")).buildProtectionModel;
  }
  return externalVaults.length === 0 ? cloudModelBuilder(stack) : cloudModelBuilder(stack, { externalVaults });
}

/** Builds models with the declared external vaults. */
function modelBuilder(externalVaults: readonly ExternalVault[]): ModelBuilder {
  return externalVaults.length === 0 ? buildCloudModel : (stack) => buildCloudModel(stack, externalVaults);
}

/** What identifies the declared external vaults in the session's model cache. */
function variantOf(externalVaults: readonly ExternalVault[]): string {
  return externalVaults.length === 0 ? "" : JSON.stringify(externalVaults);
}

/** A policy that validates each resource (in `Analyze`) and the whole stack (in `AnalyzeStack`). */
export type ResourceAndStackPolicy = ResourceValidationPolicy & StackValidationPolicy;

/** What the pack needs besides the rule. */
export interface PolicyEnvironment {
  readonly session: AnalysisSession;
  readonly stackConfig: Readonly<Record<string, string>>;
  /** Today (UTC, `YYYY-MM-DD`), the date exemptions are judged on; defaults to the system clock. */
  readonly today?: () => string;
  /** A problem with the environment (e.g. malformed PULUMI_CONFIG or BACKUP_GUARD_TODAY), reported by every policy. */
  readonly environmentError?: string;
}

/** How a composed pack sets a policy up in code (see `BackupGuard`). */
export interface PolicySetup {
  /** The policy's enforcement level instead of its default. */
  readonly enforcementLevel?: EnforcementLevel;
  /** Settings under whatever the engine's config sends (a policy group's config still overrides them). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** The object form of a violation the policy runtime accepts (`server.js` makeReportViolationFun). */
interface ViolationReport {
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel?: EnforcementLevel;
}

function send(report: ReportViolation, violation: ViolationReport): void {
  // The runtime accepts an object to set the level of one violation; its typings only declare strings.
  (report as unknown as (violation: ViolationReport) => void)(violation);
}

/**
 * Reports a finding; `phase` (Analyze or AnalyzeStack) lets the session give a finding both phases report
 * one text.
 */
function reportFinding(report: ReportViolation, finding: Finding, onUnresolved: "mandatory" | "advisory", session: AnalysisSession, phase: "analyze" | "analyzeStack"): void {
  const urn = finding.urn === "" ? undefined : finding.urn;
  // A granted exemption, an advisory finding or an advisory onUnresolved lowers the level; otherwise the policy's own level.
  const lowered = findingLevel(finding, "mandatory", onUnresolved) === "advisory";
  const level = lowered ? "advisory" : "policy";
  const key = findingKey(finding);
  const text = findingText(finding, onUnresolved);
  const message = phase === "analyze" ? text : session.textOfStackFinding(key, text, level);
  if (phase === "analyze") session.rememberAnalyzeReport(key, text, level);
  send(report, { message, urn, enforcementLevel: lowered ? "advisory" : undefined });
}

function reportFailures(report: ReportViolation, ruleId: string, evaluation: RuleEvaluation, urn: string | undefined): boolean {
  if (evaluation.configErrors.length > 0) {
    send(report, { message: configErrorText(ruleId, evaluation.configErrors), urn, enforcementLevel: "mandatory" });
    return true;
  }
  if (evaluation.internalError !== undefined) {
    send(report, { message: internalErrorText(ruleId, evaluation.internalError), urn, enforcementLevel: "mandatory" });
    return true;
  }
  return false;
}

function* policyDependencyUrns(resource: PolicyResource): Iterable<string> {
  for (const key of Object.keys(resource.propertyDependencies ?? {})) {
    for (const dependency of resource.propertyDependencies[key] ?? []) yield dependency.urn;
  }
}

function framework(rule: RegisteredRule): PolicyComplianceFramework | undefined {
  const first = rule.meta.frameworks[0];
  return first ? { name: first.name, version: first.version ?? "", reference: first.reference, specification: first.title } : undefined;
}

function internalFailure(report: ReportViolation, ruleId: string, error: unknown, urn?: string): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  send(report, {
    message: `backup-guard could not evaluate policy ${ruleId}, so it fails closed. ${text}. Please report this as a bug.`,
    urn,
    enforcementLevel: "mandatory",
  });
}

/**
 * Turns a rule into a `@pulumi/policy` policy. Both entry points read raw values only, so the runtime's
 * "can't run policy during preview" advisory downgrade never happens; anything a rule cannot decide is
 * reported under its `onUnresolved` setting, and any error fails closed.
 */
export function toPulumiPolicy(rule: RegisteredRule, environment: PolicyEnvironment, setup: PolicySetup = {}): ResourceAndStackPolicy {
  const ruleId = rule.meta.id;
  // Settings given in code (a composed pack) lie under what the engine's config sends.
  const configOf = (args: { getConfig<T extends object>(): T }): Record<string, unknown> =>
    setup.settings && Object.keys(setup.settings).length > 0 ? { ...setup.settings, ...args.getConfig<Record<string, unknown>>() } : args.getConfig<Record<string, unknown>>();
  // Called on every request, before anything is filtered: backup-exemptions (the pack's first policy)
  // hands its validated config to the policies that run after it in the same request.
  const exemptionSettings = (rawConfig: Readonly<Record<string, unknown>>): ExemptionSettings => {
    const { session } = environment;
    if (ruleId !== EXEMPTIONS_POLICY_ID) return session.exemptionsFor(ruleId) ?? NO_EXEMPTION_SETTINGS;
    const resolved = resolveRuleConfig<ExemptionsConfig>(rule.meta, rawConfig);
    session.setExemptions(resolved.ok ? resolved.config : undefined);
    return NO_EXEMPTION_SETTINGS;
  };
  // backup-external-vaults (the pack's second policy) does the same with the vaults it declares; an
  // invalid list vouches for no vault (fail closed).
  const declaredVaults = (rawConfig: Readonly<Record<string, unknown>>): readonly ExternalVault[] => {
    const { session } = environment;
    if (ruleId === EXEMPTIONS_POLICY_ID) return session.lastExternalVaults() ?? [];
    if (ruleId !== EXTERNAL_VAULTS_POLICY_ID) return session.externalVaultsFor(ruleId) ?? [];
    const resolved = resolveRuleConfig<ExternalVaultsConfig>(rule.meta, rawConfig);
    const parsed = resolved.ok ? externalVaults(resolved.config.vaults) : undefined;
    const vaults = parsed && parsed.problems.length === 0 ? parsed.vaults : undefined;
    session.setExternalVaults(vaults);
    return vaults ?? [];
  };
  const exemptions = (model: ProtectionModel, settings: ExemptionSettings): ExemptionContext =>
    exemptionContext(model, (environment.today ?? utcToday)(), settings);
  const validateResource = (args: ResourceValidationArgs, report: ReportViolation): void => {
    try {
      const { session } = environment;
      session.startAnalyze();
      const rawConfig = configOf(args);
      const settings = exemptionSettings(rawConfig);
      const externalVaults = declaredVaults(rawConfig);
      if (!ANALYSED_TYPES.has(args.type)) return;
      const { model } = session.resourceModelOf(args, environment.stackConfig, modelBuilder(externalVaults), variantOf(externalVaults));
      const evaluation = rule.evaluate(model, rawConfig, exemptions(model, settings));
      if (evaluation.configErrors.length > 0 && !session.firstConfigError(ruleId)) return;
      if (reportFailures(report, ruleId, evaluation, args.urn)) return;
      // On its own a resource can only prove violations; what it cannot decide is left to AnalyzeStack.
      for (const finding of evaluation.findings) {
        if (finding.outcome === "violation") reportFinding(report, finding, evaluation.onUnresolved, session, "analyze");
      }
    } catch (error) {
      internalFailure(report, ruleId, error, args.urn);
    }
  };
  const validateStack = (args: StackValidationArgs, report: ReportViolation): void => {
    try {
      const rawConfig = configOf(args);
      const settings = exemptionSettings(rawConfig);
      const externalVaults = declaredVaults(rawConfig);
      if (environment.environmentError !== undefined) {
        send(report, { message: `backup-guard cannot read its environment, so it fails closed. ${environment.environmentError}.`, enforcementLevel: "mandatory" });
        return;
      }
      const { session } = environment;
      for (const message of session.configReportsFor(ruleId)) send(report, { message, enforcementLevel: "mandatory" });
      const model = session.stackModelOf(analysedResources(args.resources, policyDependencyUrns), ANALYSED_TYPES, environment.stackConfig, modelBuilder(externalVaults), variantOf(externalVaults));
      const evaluation = rule.evaluate(model, rawConfig, exemptions(model, settings));
      if (reportFailures(report, ruleId, evaluation, undefined)) return;
      for (const finding of evaluation.findings) reportFinding(report, finding, evaluation.onUnresolved, session, "analyzeStack");
    } catch (error) {
      internalFailure(report, ruleId, error);
    } finally {
      environment.session.finishStack();
    }
  };
  return {
    name: ruleId,
    description: rule.meta.title,
    displayName: rule.meta.title,
    enforcementLevel: setup.enforcementLevel ?? rule.meta.defaultLevel,
    severity: rule.meta.severity,
    remediationSteps: rule.meta.remediation.join("\n"),
    url: docsUrl(ruleId),
    framework: framework(rule),
    tags: rule.meta.frameworks.map((f) => `${f.name} ${f.reference}`),
    configSchema: configSchema(rule, setup.settings ?? {}),
    validateResource,
    validateStack,
  };
}

/**
 * The rule's config schema as `@pulumi/policy` declares it (the engine validates config against it and
 * fills in its defaults); settings given in code become the defaults.
 */
function configSchema(rule: RegisteredRule, settings: Readonly<Record<string, unknown>>): PolicyConfigSchema {
  const properties: PolicyConfigSchema["properties"] = {};
  for (const [key, property] of Object.entries(configProperties(rule.meta))) {
    properties[key] = {
      type: property.type,
      description: property.description,
      default: structuredClone(key in settings ? settings[key] : property.default) as PolicyConfigJSONSchemaType,
      ...(property.enum ? { enum: [...property.enum] as PolicyConfigJSONSchemaType[] } : {}),
      ...(property.items ? { items: structuredClone(property.items) as unknown as PolicyConfigJSONSchemaDefinition } : {}),
      ...(property.minimum !== undefined ? { minimum: property.minimum } : {}),
      ...(property.maximum !== undefined ? { maximum: property.maximum } : {}),
      ...(property.uniqueItems !== undefined ? { uniqueItems: property.uniqueItems } : {}),
    };
  }
  return { properties };
}
