/** One resource type a cloud model reads for a policy, and the property paths that decide. */
export interface CloudResourceUse {
  readonly type: string;
  readonly properties: readonly string[];
  /** How the policy judges it, for the docs. */
  readonly how: string;
}

/**
 * What a cloud model feeds to each policy, for the generated docs: rules stay cloud-neutral, so a cloud
 * lists its own resources per policy id instead of the rules' `appliesTo`.
 */
export interface CloudCoverage {
  /** e.g. `OVHcloud`. */
  readonly cloud: string;
  /** The SDK the type tokens come from, e.g. `@ovhcloud/pulumi-ovh`. */
  readonly sdk: string;
  readonly byPolicy: Readonly<Record<string, readonly CloudResourceUse[]>>;
}
