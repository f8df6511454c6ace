// Real @pulumi/aws programs for the protocol tests of the governance policies (issue 4): the compliant
// pattern of governedDesign (governance-designs.ts) generalised to several kinds of data store, every
// AWS Backup selection form, native copies, copy destinations, vault access policies, restore tests and
// keys. With no option the design meets every policy; each option breaks (or varies) one property.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_ACCOUNT, PROD_ACCOUNT, urnOf } from "./backup-designs";
import { DENY_DELETION_POLICY } from "./governance-designs";

/** The stack's region (STACK_CONFIG aws:region) and the default region of the copies. */
export const VARIANT_PRIMARY_REGION = "eu-west-3";
export const VARIANT_DR_REGION = "eu-central-1";

/** The kinds of protected data store a variant can declare. */
export type StoreKind = "rds" | "aurora" | "dynamodb" | "efs" | "ebs" | "s3";

/** The URN of each kind of data store, and of the other resources the tests name. */
export const STORE_URNS: Readonly<Record<StoreKind, string>> = {
  rds: urnOf("aws:rds/instance:Instance", "orders"),
  aurora: urnOf("aws:rds/cluster:Cluster", "ledger"),
  dynamodb: urnOf("aws:dynamodb/table:Table", "carts"),
  efs: urnOf("aws:efs/fileSystem:FileSystem", "uploads"),
  ebs: urnOf("aws:ebs/volume:Volume", "reports"),
  s3: urnOf("aws:s3/bucket:Bucket", "exports"),
};
export const VARIANT_PLAN_URN = urnOf("aws:backup/plan:Plan", "orders-plan");
export const VARIANT_SOURCE_VAULT_URN = urnOf("aws:backup/vault:Vault", "orders-vault");
export const VARIANT_COPY_VAULT_URN = urnOf("aws:backup/vault:Vault", "orders-dr");
export const VARIANT_COPY_POLICY_URN = urnOf("aws:backup/vaultPolicy:VaultPolicy", "orders-dr-policy");
export const VARIANT_S3_REPLICATION_URN = urnOf("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "exports-replication");
export const VARIANT_RDS_REPLICATION_URN = urnOf(
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  "orders-backups-dr",
);

/** The AWS Backup resource type of each kind of store (what restore testing selections name). */
const BACKUP_TYPES: Readonly<Record<StoreKind, string>> = { rds: "RDS", aurora: "Aurora", dynamodb: "DynamoDB", efs: "EFS", ebs: "EBS", s3: "S3" };

/** The ARN each store will have (for literal ARNs in selections); only for stores with a chosen identifier. */
const LITERAL_ARNS: Readonly<Partial<Record<StoreKind, string>>> = {
  rds: `arn:aws:rds:${VARIANT_PRIMARY_REGION}:${PROD_ACCOUNT}:db:orders`,
  aurora: `arn:aws:rds:${VARIANT_PRIMARY_REGION}:${PROD_ACCOUNT}:cluster:ledger`,
  dynamodb: `arn:aws:dynamodb:${VARIANT_PRIMARY_REGION}:${PROD_ACCOUNT}:table/carts`,
};

/** The tags every data store carries (what `selectionTags` and `conditions` match). */
export const STORE_TAGS: Readonly<Record<string, string>> = { app: "orders", backup: "daily" };

/** How the AWS Backup selection picks the stores. */
export type SelectionForm =
  /** `resources: [store.arn, ...]` of the selected stores. */
  | { readonly kind: "reference" }
  /** `resources` with the selected stores' ARNs written as literal strings. */
  | { readonly kind: "literal-arn" }
  /** `resources: ["*"]`: every resource of the plan's region and account. */
  | { readonly kind: "all" }
  /** `resources: [pattern]`, an ARN with wildcards. */
  | { readonly kind: "arn-wildcard"; readonly pattern: string }
  /** `selectionTags: [{ type: "STRINGEQUALS", key, value }]`. */
  | { readonly kind: "tags"; readonly key: string; readonly value: string }
  /** `resources: ["*"]` narrowed by `conditions`. */
  | { readonly kind: "conditions"; readonly conditions: aws.types.input.backup.SelectionCondition }
  /** `resources: ["*"]` minus `notResources: [store.arn, ...]` of the excluded stores. */
  | { readonly kind: "not-resources"; readonly excluded: readonly StoreKind[] }
  /** `resources: ["*"]` minus `notResources` given as literal ARNs or ARN wildcards. */
  | { readonly kind: "not-resources-arns"; readonly patterns: readonly string[] }
  /** No selection at all. */
  | { readonly kind: "none" };

/** The access policy of a vault. */
export type VaultPolicyForm =
  /** DENY_DELETION_POLICY: denies deletion and lifecycle changes to every principal. */
  | "deny"
  /** The same Deny, carved out by a Condition for a break-glass role. */
  | "deny-with-condition"
  /** Only an Allow statement letting the production account copy into the vault. */
  | "allow-copy-into"
  /** The Deny with `Resource: vault.arn`, built with pulumi.jsonStringify (unknown in preview). */
  | "json-stringify-arn"
  /** No aws.backup.VaultPolicy. */
  | "none";

/** What to change in the compliant design. */
export interface VariantOptions {
  /** The data stores declared (default `["rds"]`). */
  readonly stores?: readonly StoreKind[];
  /** How the AWS Backup selection picks them (default `reference`). */
  readonly selection?: SelectionForm;
  /** The stores named by `reference` and `literal-arn` selections (default: every store but the S3 bucket). */
  readonly selected?: readonly StoreKind[];
  /** Extra tags per store (e.g. exemption tags), added to STORE_TAGS. */
  readonly storeTags?: Readonly<Partial<Record<StoreKind, Record<string, string>>>>;
  /** RDS instance settings (defaults: 7 days of automated backups kept on delete, a final snapshot, deletion protection). */
  readonly rds?: {
    readonly backupRetentionPeriod?: number;
    readonly deleteAutomatedBackups?: boolean;
    readonly skipFinalSnapshot?: boolean;
    /** Leave deletionProtection out. */
    readonly omitDeletionProtection?: boolean;
    /** Replicate the automated backups to eu-central-1 (production account) with an InstanceAutomatedBackupsReplication. */
    readonly backupReplication?: boolean;
  };
  /** Aurora cluster settings. */
  readonly aurora?: { readonly omitDeletionProtection?: boolean };
  /** DynamoDB table settings (defaults: point-in-time recovery on, deletion protection on). */
  readonly dynamodb?: { readonly pointInTimeRecovery?: boolean; readonly omitDeletionProtection?: boolean };
  /** The S3 bucket tagged backup-guard:protected: replicated (default) into a locked bucket of the backup account. */
  readonly s3?: { readonly replicated?: boolean; readonly replicaRegion?: string };
  /** Also declare an untagged bucket that nothing backs up. */
  readonly untaggedBucket?: boolean;
  /** Days the plan rule keeps its recovery points (default 35). */
  readonly ruleDeleteAfter?: number;
  /** The copy destination of the plan rule. */
  readonly copy?: {
    /** Region of the copy vault's provider (default eu-central-1). */
    readonly region?: string;
    /** Account of the copy vault's provider (default the backup account). */
    readonly account?: string;
    /** Set the copy vault's region input from another resource's output (unknown in preview). */
    readonly regionFromOutput?: boolean;
    /** Days the copies are kept (default 35). */
    readonly deleteAfter?: number;
    /** The copy vault's KMS key: the backup account's own (default), the database's key, or a multi-Region replica of it. */
    readonly key?: "backup-account" | "database-key" | "database-key-replica";
    /** The copy vault's access policy (default `deny`). */
    readonly policy?: VaultPolicyForm;
    /** Tags of the copy vault. */
    readonly tags?: Record<string, string>;
  };
  /** Attach DENY_DELETION_POLICY to the source vault too (default true). */
  readonly sourceVaultPolicy?: boolean;
  /**
   * Restore tests: in both regions for every store type (`all`, default), none, plans whose only
   * selection tests EFS (`wrong-type`), or a production-region plan that excludes the source vault by
   * its literal ARN (`exclude-source-vault`) or by reference (`exclude-source-vault-by-reference`).
   */
  readonly restoreTests?: "all" | "none" | "wrong-type" | "exclude-source-vault" | "exclude-source-vault-by-reference";
}

const ROLE = `arn:aws:iam::${PROD_ACCOUNT}:role/backup`;

function vaultPolicyDocument(form: VaultPolicyForm, vault: aws.backup.Vault): pulumi.Input<string> {
  switch (form) {
    case "deny-with-condition":
      return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyRecoveryPointDeletion",
            Effect: "Deny",
            Principal: "*",
            Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
            Resource: "*",
            Condition: { StringNotLike: { "aws:PrincipalArn": `arn:aws:iam::${BACKUP_ACCOUNT}:role/break-glass` } },
          },
        ],
      });
    case "allow-copy-into":
      return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowProductionCopies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PROD_ACCOUNT}:root` }, Action: "backup:CopyIntoBackupVault", Resource: "*" }],
      });
    case "json-stringify-arn":
      return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "DenyRecoveryPointDeletion", Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: vault.arn },
        ],
      });
    default:
      return DENY_DELETION_POLICY;
  }
}

function selectionArguments(form: SelectionForm, stores: ReadonlyMap<StoreKind, pulumi.Output<string>>, selected: readonly StoreKind[]): Omit<aws.backup.SelectionArgs, "planId" | "iamRoleArn"> | undefined {
  const references = (kinds: readonly StoreKind[]): pulumi.Output<string>[] =>
    kinds.map((kind) => {
      const arn = stores.get(kind);
      if (!arn) throw new Error(`the variant selects store ${kind}, which it does not declare`);
      return arn;
    });
  switch (form.kind) {
    case "reference":
      return { resources: references(selected) };
    case "literal-arn":
      return {
        resources: selected.map((kind) => {
          const arn = LITERAL_ARNS[kind];
          if (!arn) throw new Error(`no literal ARN is known for store ${kind}`);
          return arn;
        }),
      };
    case "all":
      return { resources: ["*"] };
    case "arn-wildcard":
      return { resources: [form.pattern] };
    case "tags":
      return { selectionTags: [{ type: "STRINGEQUALS", key: form.key, value: form.value }] };
    case "conditions":
      return { resources: ["*"], conditions: [form.conditions] };
    case "not-resources":
      return { resources: ["*"], notResources: references(form.excluded) };
    case "not-resources-arns":
      return { resources: ["*"], notResources: [...form.patterns] };
    default:
      return undefined;
  }
}

/**
 * governedDesign's pattern for any mix of data stores: a Multi-AZ encrypted PostgreSQL instance
 * "orders" (and optionally an Aurora cluster "ledger", a DynamoDB table "carts", an EFS file system
 * "uploads", an EBS volume "reports" in eu-west-3a, and an S3 bucket "exports" tagged
 * backup-guard:protected that S3 replication copies into a compliance-locked bucket of the backup
 * account in eu-central-1), all with deletion protection and point-in-time backups where the service
 * has them. AWS Backup plan "orders-plan" backs the selected stores up daily (35 days) into a
 * compliance-locked vault of the production account and copies them (35 days) into a compliance-locked
 * vault of the backup account in eu-central-1, encrypted with that account's key; both vaults deny
 * recovery-point deletion to every principal, and restore tests for every store type run in both regions.
 */
export function governanceVariant(options: VariantOptions = {}): () => void {
  return () => {
    const kinds = options.stores ?? ["rds"];
    const tagsOf = (kind: StoreKind): Record<string, string> => ({ ...STORE_TAGS, ...(options.storeTags?.[kind] ?? {}) });
    const copy = options.copy ?? {};
    const dr = new aws.Provider("dr", {
      region: copy.region ?? VARIANT_DR_REGION,
      assumeRoles: [{ roleArn: `arn:aws:iam::${copy.account ?? BACKUP_ACCOUNT}:role/backup-copy` }],
    });
    const needsDrRegion = copy.key === "database-key-replica" || options.rds?.backupReplication === true;
    const drRegion = needsDrRegion ? new aws.Provider("dr-region", { region: VARIANT_DR_REGION, allowedAccountIds: [PROD_ACCOUNT] }) : undefined;
    const prodKey = new aws.kms.Key("orders-key", {
      description: "orders data",
      deletionWindowInDays: 30,
      ...(copy.key === "database-key-replica" ? { multiRegion: true } : {}),
    });

    // The data stores.
    const arns = new Map<StoreKind, pulumi.Output<string>>();
    if (kinds.includes("rds")) {
      const rds = options.rds ?? {};
      const skipFinalSnapshot = rds.skipFinalSnapshot ?? false;
      const db = new aws.rds.Instance("orders", {
        identifier: "orders",
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        allocatedStorage: 20,
        username: "app",
        manageMasterUserPassword: true,
        multiAz: true,
        storageEncrypted: true,
        kmsKeyId: prodKey.arn,
        backupRetentionPeriod: rds.backupRetentionPeriod ?? 7,
        deleteAutomatedBackups: rds.deleteAutomatedBackups ?? false,
        ...(rds.omitDeletionProtection ? {} : { deletionProtection: true }),
        ...(skipFinalSnapshot ? { skipFinalSnapshot: true } : { finalSnapshotIdentifier: "orders-final" }),
        tags: tagsOf("rds"),
      });
      arns.set("rds", db.arn);
      if (rds.backupReplication && drRegion) {
        const replicaKey = new aws.kms.Key("orders-backups-key", { description: "orders automated backups in eu-central-1", deletionWindowInDays: 30 }, { provider: drRegion });
        new aws.rds.InstanceAutomatedBackupsReplication("orders-backups-dr", { sourceDbInstanceArn: db.arn, retentionPeriod: 35, kmsKeyId: replicaKey.arn }, { provider: drRegion });
      }
    }
    if (kinds.includes("aurora")) {
      const cluster = new aws.rds.Cluster("ledger", {
        clusterIdentifier: "ledger",
        engine: "aurora-postgresql",
        masterUsername: "app",
        manageMasterUserPassword: true,
        storageEncrypted: true,
        kmsKeyId: prodKey.arn,
        backupRetentionPeriod: 7,
        deleteAutomatedBackups: false,
        ...(options.aurora?.omitDeletionProtection ? {} : { deletionProtection: true }),
        finalSnapshotIdentifier: "ledger-final",
        tags: tagsOf("aurora"),
      });
      arns.set("aurora", cluster.arn);
    }
    if (kinds.includes("dynamodb")) {
      const table = new aws.dynamodb.Table("carts", {
        name: "carts",
        billingMode: "PAY_PER_REQUEST",
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        pointInTimeRecovery: { enabled: options.dynamodb?.pointInTimeRecovery ?? true },
        ...(options.dynamodb?.omitDeletionProtection ? {} : { deletionProtectionEnabled: true }),
        tags: tagsOf("dynamodb"),
      });
      arns.set("dynamodb", table.arn);
    }
    if (kinds.includes("efs")) {
      const files = new aws.efs.FileSystem("uploads", { encrypted: true, tags: { Name: "uploads", ...tagsOf("efs") } });
      arns.set("efs", files.arn);
    }
    if (kinds.includes("ebs")) {
      const volume = new aws.ebs.Volume("reports", { availabilityZone: `${VARIANT_PRIMARY_REGION}a`, size: 100, type: "gp3", encrypted: true, tags: tagsOf("ebs") });
      arns.set("ebs", volume.arn);
    }
    if (kinds.includes("s3")) {
      const bucket = new aws.s3.Bucket("exports", { bucket: "orders-exports", tags: { ...tagsOf("s3"), "backup-guard:protected": "true" } });
      arns.set("s3", bucket.arn);
      const versioning = new aws.s3.BucketVersioning("exports-versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
      if (options.s3?.replicated ?? true) {
        const replicaProvider = new aws.Provider("replica", {
          region: options.s3?.replicaRegion ?? VARIANT_DR_REGION,
          assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/s3-replica` }],
        });
        const replica = new aws.s3.Bucket("exports-replica", { bucket: "orders-exports-replica", objectLockEnabled: true }, { provider: replicaProvider });
        new aws.s3.BucketVersioning("exports-replica-versioning", { bucket: replica.id, versioningConfiguration: { status: "Enabled" } }, { provider: replicaProvider });
        new aws.s3.BucketObjectLockConfiguration(
          "exports-replica-lock",
          { bucket: replica.id, rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } },
          { provider: replicaProvider },
        );
        new aws.s3.BucketReplicationConfig(
          "exports-replication",
          {
            bucket: bucket.id,
            role: `arn:aws:iam::${PROD_ACCOUNT}:role/s3-replication`,
            rules: [
              {
                id: "dr",
                status: "Enabled",
                filter: {},
                deleteMarkerReplication: { status: "Disabled" },
                destination: { bucket: replica.arn, account: BACKUP_ACCOUNT, storageClass: "STANDARD_IA", accessControlTranslation: { owner: "Destination" } },
              },
            ],
          },
          { dependsOn: [versioning] },
        );
      }
    }
    if (options.untaggedBucket) new aws.s3.Bucket("scratch", { bucket: "orders-scratch" });

    // The vaults.
    const vault = new aws.backup.Vault("orders-vault", { name: "orders-vault" });
    new aws.backup.VaultLockConfiguration("orders-vault-lock", { backupVaultName: vault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 });
    if (options.sourceVaultPolicy ?? true) new aws.backup.VaultPolicy("orders-vault-policy", { backupVaultName: vault.name, policy: DENY_DELETION_POLICY });
    let copyKeyArn: pulumi.Output<string>;
    if (copy.key === "database-key") copyKeyArn = prodKey.arn;
    else if (copy.key === "database-key-replica" && drRegion) {
      copyKeyArn = new aws.kms.ReplicaKey("orders-key-replica", { primaryKeyArn: prodKey.arn, deletionWindowInDays: 30, description: "orders data, eu-central-1 replica" }, { provider: drRegion }).arn;
    } else {
      copyKeyArn = new aws.kms.Key("orders-dr-key", { description: "orders backups in the backup account", deletionWindowInDays: 30 }, { provider: dr }).arn;
    }
    const landing = copy.regionFromOutput ? new aws.s3.Bucket("dr-landing", { bucket: "orders-dr-landing" }, { provider: dr }) : undefined;
    const copyVault = new aws.backup.Vault(
      "orders-dr",
      { name: "orders-dr", kmsKeyArn: copyKeyArn, ...(landing ? { region: landing.bucketRegion } : {}), ...(copy.tags ? { tags: copy.tags } : {}) },
      { provider: dr },
    );
    new aws.backup.VaultLockConfiguration("orders-dr-lock", { backupVaultName: copyVault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 }, { provider: dr });
    const policy = copy.policy ?? "deny";
    if (policy !== "none") {
      new aws.backup.VaultPolicy("orders-dr-policy", { backupVaultName: copyVault.name, policy: vaultPolicyDocument(policy, copyVault) }, { provider: dr });
    }

    // The plan and its selection.
    const plan = new aws.backup.Plan("orders-plan", {
      name: "orders-plan",
      rules: [
        {
          ruleName: "daily",
          targetVaultName: vault.name,
          schedule: "cron(0 5 * * ? *)",
          lifecycle: { deleteAfter: options.ruleDeleteAfter ?? 35 },
          copyActions: [{ destinationVaultArn: copyVault.arn, lifecycle: { deleteAfter: copy.deleteAfter ?? 35 } }],
        },
      ],
    });
    const selected = options.selected ?? kinds.filter((kind) => kind !== "s3");
    const selection = selectionArguments(options.selection ?? { kind: "reference" }, arns, selected);
    if (selection) new aws.backup.Selection("orders-selection", { name: "orders", planId: plan.id, iamRoleArn: ROLE, ...selection });

    // Restore tests.
    const tests = options.restoreTests ?? "all";
    if (tests === "none") return;
    const types = tests === "wrong-type" ? ["EFS"] : [...new Set(kinds.map((kind) => BACKUP_TYPES[kind]))];
    for (const [suffix, provider] of [["", undefined], ["-dr", dr]] as const) {
      const excluded =
        suffix === "" && tests === "exclude-source-vault"
          ? { excludeVaults: [`arn:aws:backup:${VARIANT_PRIMARY_REGION}:${PROD_ACCOUNT}:backup-vault:orders-vault`] }
          : suffix === "" && tests === "exclude-source-vault-by-reference"
            ? { excludeVaults: [vault.arn] }
            : {};
      const testPlan = new aws.backup.RestoreTestingPlan(
        `restore-tests${suffix}`,
        {
          name: `restore_tests${suffix.replace("-", "_")}`,
          scheduleExpression: "cron(0 12 ? * MON *)",
          recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], ...excluded, recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 },
        },
        { provider },
      );
      for (const type of types) {
        new aws.backup.RestoreTestingSelection(
          `restore-${type.toLowerCase()}${suffix}`,
          {
            name: `restore_${type.toLowerCase()}${suffix.replace("-", "_")}`,
            restoreTestingPlanName: testPlan.name,
            protectedResourceType: type,
            iamRoleArn: `arn:aws:iam::${provider ? (copy.account ?? BACKUP_ACCOUNT) : PROD_ACCOUNT}:role/restore-testing`,
            protectedResourceArns: ["*"],
          },
          { provider },
        );
      }
    }
  };
}
