import { RouteAdvice } from "../core/protection-model";
import { OVH_ACCOUNTS_CONFIG_KEY } from "./accounts";

const KNOWN_PLACE = 'Write region codes as literals OVHcloud documents (e.g. "GRA", "SBG5", "eu-west-par").';
const KNOWN_ACCOUNT = `Name the account of each project in stack config ${OVH_ACCOUNTS_CONFIG_KEY} ({"<account>": ["<project id>"]}) and write serviceName as a literal project id.`;
const OFFLINE =
  "OVHcloud keeps these copies in the project's own account, where the production credentials can delete them: keep a copy in a project of another OVHcloud account " +
  `(declared under that account in ${OVH_ACCOUNTS_CONFIG_KEY}), or record the gap with a backup-exemptions entry.`;

function advice(offSite: string, retention: string): RouteAdvice {
  // A 1-AZ site is a single zone: only another site keeps a copy out of it.
  return { place: "site", offSite, offZone: offSite, knownPlace: KNOWN_PLACE, offline: OFFLINE, knownAccount: KNOWN_ACCOUNT, retention };
}

/** Managed databases: `backupRegions`. */
export const DATABASE_ADVICE = advice(
  'Add a region of another site to backupRegions (e.g. backupRegions: ["SBG", "GRA"] for nodes in SBG): every SBG code is the one Strasbourg site, and OVHcloud sends GRA and BHS backups to SBG by default.',
  "OVHcloud keeps database backups for as long as the service plan says (choose a plan with a longer backup retention).",
);

/** Instance, workflow and volume backups, which OVHcloud keeps in the region of their source. */
export const SAME_REGION_BACKUP_ADVICE = advice(
  "OVHcloud keeps instance and volume backups in their source's region: also copy the data to another site, e.g. into an Object Storage bucket (ovh.cloudproject.Storage) whose replication rule's destination.region is on another site.",
  "raise rotation (the number of backups kept) so that rotation times the cron interval spans that many days.",
);

/** Object Storage replication rules. */
export const REPLICATION_ADVICE = advice(
  'Set a replication rule\'s destination.region to a region of another site (e.g. "gra" for a bucket in "sbg").',
  "give the replica bucket an Object Lock rule (objectLock.rule.period) at least that long.",
);

/** How to make an OVHcloud bucket immutable. */
export const OBJECT_LOCK_HOWTO =
  'Create the replica bucket with versioning: { status: "enabled" } and objectLock: { status: "enabled", rule: { mode: "compliance", period: "P30D" } }: in compliance mode nobody, not even the account administrator, can delete or shorten a locked version.';
