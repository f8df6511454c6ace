import { RouteAdvice } from "../core/protection-model";
import { SourceVocabulary } from "../core/source-vocabulary";
import { OVH_TYPES } from "./type-tokens";

// The fixes the OVHcloud routes suggest, in the words of the program the stack came from (a Pulumi
// program's `backupRegions: [...]`, a Terraform configuration's `backup_regions = [...]`).

const KNOWN_PLACE = 'Write region codes as literals OVHcloud documents (e.g. "GRA", "SBG5", "eu-west-par").';

function advice(words: SourceVocabulary, offSite: string, retention: string): RouteAdvice {
  const knownAccount = `Name the account of each project in ${words.ovhAccountsWhere} ({"<account>": ["<project id>"]}) and write ${words.setting("serviceName")} as a literal project id.`;
  const offline =
    "OVHcloud keeps these copies in the project's own account, where the production credentials can delete them: keep a copy in a project of another OVHcloud account " +
    `(declared under that account in ${words.ovhAccounts}), or record the gap with a backup-exemptions entry.`;
  // A 1-AZ site is a single zone: only another site keeps a copy out of it.
  return { place: "site", offSite, offZone: offSite, knownPlace: KNOWN_PLACE, offline, knownAccount, retention };
}

/** Managed databases: `backupRegions`. */
export function databaseAdvice(words: SourceVocabulary): RouteAdvice {
  const setting = words.setting("backupRegions");
  return advice(
    words,
    `Add a region of another site to ${setting} (e.g. ${words.assignment("backupRegions", '["SBG", "GRA"]')} for nodes in SBG): every SBG code is the one Strasbourg site, and OVHcloud sends GRA and BHS backups to SBG by default.`,
    "OVHcloud keeps database backups for as long as the service plan says (choose a plan with a longer backup retention).",
  );
}

/** Instance, workflow and volume backups, which OVHcloud keeps in the region of their source. */
export function sameRegionBackupAdvice(words: SourceVocabulary): RouteAdvice {
  return advice(
    words,
    "OVHcloud keeps instance and volume backups in their source's region: also copy the data to another site, e.g. into an Object Storage bucket " +
      `(${words.resourceType(OVH_TYPES.storage, "ovh.cloudproject.Storage")}) whose replication rule's destination.region is on another site.`,
    "raise rotation (the number of backups kept) so that rotation times the cron interval spans that many days.",
  );
}

/** Object Storage replication rules. */
export function replicationAdvice(words: SourceVocabulary): RouteAdvice {
  return advice(
    words,
    'Set a replication rule\'s destination.region to a region of another site (e.g. "gra" for a bucket in "sbg").',
    `give the replica bucket an Object Lock rule (${words.setting("objectLock.rule.period")}) at least that long.`,
  );
}

/** How to make an OVHcloud bucket immutable. */
export function objectLockHowto(words: SourceVocabulary): string {
  return (
    `Create the replica bucket with ${words.assignment("versioning", '{ status: "enabled" }')} and ` +
    `${words.assignment("objectLock", '{ status: "enabled", rule: { mode: "compliance", period: "P30D" } }')}: in compliance mode nobody, not even the account administrator, can delete or shorten a locked version.`
  );
}
