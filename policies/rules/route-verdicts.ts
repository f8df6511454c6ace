import { findingKey } from "../core/findings";
import { BackupStore, ProtectionModel, ProtectionRoute, RouteView } from "../core/protection-model";
import { FindingReport, RuleContext, CommonRuleConfig } from "../core/rule";
import { routeSentence } from "./route-names";

/** Fallback fixes for ambiguous references when the model has none specific to the program. */
const PLAN_DISAMBIGUATION =
  "Make each vault reference known during preview: a literal vault name in targetVaultName, a literal vault ARN in destinationVaultArn, or one plan per target vault.";
const NATIVE_DISAMBIGUATION =
  "Make each destination known during preview: write it literally (e.g. destination.bucket \"arn:aws:s3:::<bucket name>\" of a bucket named literally), or give each destination its own copy resource.";

/** A problem found in one reading of a route. */
export type Issue = FindingReport;

/**
 * Judges a route under every consistent reading and reports what holds in all of them. A violation
 * found in every reading is reported as such; anything that holds in some readings only cannot be
 * decided before the deployment runs and is reported once as unresolved on the route.
 */
export function reportAcrossViews<C extends CommonRuleConfig>(
  ruleId: string,
  route: ProtectionRoute,
  context: RuleContext<C>,
  judge: (view: RouteView) => readonly Issue[],
): void {
  const perView = route.views.map((view) => judge(view));
  if (perView.length === 0) return;
  if (perView.length === 1) {
    for (const issue of perView[0]) context.report(issue);
    return;
  }
  const keysIn = perView.map((issues) => new Set(issues.map((i) => findingKey({ ruleId, ...i }))));
  const common = perView[0].filter(
    (issue) => issue.outcome === "violation" && keysIn.every((keys) => keys.has(findingKey({ ruleId, ...issue }))),
  );
  for (const issue of common) context.report(issue);
  const commonKeys = new Set(common.map((i) => findingKey({ ruleId, ...i })));
  const undecided = perView.some((issues) => issues.some((i) => !commonKeys.has(findingKey({ ruleId, ...i }))));
  if (undecided) {
    context.report({
      urn: route.urn,
      outcome: "unresolved",
      code: "ambiguous-destination",
      subject: route.subject,
      message:
        `${routeSentence(route, (name) => `cannot decide ${name} before the deployment runs.`)} References unknown in preview could resolve to ` +
        `${describeCandidates(route)}, and the verdict differs between them. ` +
        (route.disambiguation ?? (route.kind === "native-copy" ? NATIVE_DISAMBIGUATION : PLAN_DISAMBIGUATION)),
    });
  }
}

function describeCandidates(route: ProtectionRoute): string {
  const readings = route.views.map(
    (view) => `${view.source.label} → ${view.copies.length === 0 ? "no copy" : view.copies.map((c) => c.store.label).join(", ")}`,
  );
  return readings.map((r, i) => `(${i + 1}) ${r}`).join("; ");
}

/** The resource a finding about a store is attributed to: the store itself when it is in the stack. */
export function storeUrn(store: BackupStore, route: ProtectionRoute): string {
  return store.urn ?? route.urn;
}

/**
 * Reports a route that could not be read at all (no view), as a missing copy when the route is known to
 * declare none and `noCopyIsViolation`, otherwise as unresolved. Returns true when the route had no view.
 */
export function reportUnreadableRoute<C extends CommonRuleConfig>(
  route: ProtectionRoute,
  context: RuleContext<C>,
  requirement: string,
  noCopyIsViolation: boolean,
): boolean {
  if (route.views.length > 0) return false;
  if (noCopyIsViolation && route.declaredCopies.state === "known" && route.declaredCopies.value === 0) {
    context.report({
      urn: route.urn,
      outcome: "violation",
      code: "no-copy",
      subject: route.subject,
      message: `${routeSentence(route, (name) => `${name} has no copy action: its recovery points exist in one vault only.`)} ${requirement}`,
    });
    return true;
  }
  context.report({
    urn: route.urn,
    outcome: "unresolved",
    code: "unreadable-route",
    subject: route.subject,
    message: `${routeSentence(route, (name) => `cannot check ${name}: ${route.unresolvedReason ?? "its configuration is unknown"}.`)} ${requirement}`,
  });
  return true;
}

/**
 * Judges every route of the model for a placement requirement that is about the primary's data: an AWS
 * Backup plan rule must meet it itself; a native copy that does not may be excused when another route of
 * each of its primaries meets it (e.g. a same-region replica kept for quick restores next to a
 * cross-region backup). Seen alone (`Analyze`), a native copy cannot show that no such route exists, so
 * what it fails is unresolved there.
 */
export function judgeRoutesPerPrimary<C extends CommonRuleConfig>(
  ruleId: string,
  model: ProtectionModel,
  context: RuleContext<C>,
  requirement: (route: ProtectionRoute) => string,
  judge: (route: ProtectionRoute, view: RouteView) => readonly Issue[],
): void {
  const satisfied = new Set<string>();
  for (const route of model.routes) {
    if (route.conditional !== undefined) continue; // a route that may not exist vouches for nothing
    if (route.scope !== undefined) continue; // nor one that copies part of the data only
    if (route.views.length > 0 && route.views.every((view) => judge(route, view).length === 0)) {
      for (const primary of route.primaries) if (primary.urn) satisfied.add(primary.urn);
    }
  }
  for (const route of model.routes) {
    const native = route.kind === "native-copy";
    if (reportUnreadableRoute(route, context, requirement(route), true)) continue;
    const excused =
      native &&
      route.primariesIncomplete === undefined &&
      route.primaries.length > 0 &&
      route.primaries.every((p) => p.urn !== undefined && satisfied.has(p.urn));
    if (excused) continue;
    reportAcrossViews(ruleId, route, context, (view) => {
      const issues = judge(route, view);
      return native && !model.wholeStack ? issues.map((issue) => ({ ...issue, outcome: "unresolved" as const })) : issues;
    });
  }
}
