/**
 * The engine marshals every value that is not known during preview as one of these sentinel strings
 * (`KeepUnknowns`; pulumi `sdk/go/common/resource/plugin/rpc.go`). The `@pulumi/policy` proxy throws on
 * reading one, which silently downgrades a policy to advisory: backup-guard recognises them itself.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The string sentinel, the one the Node SDK produces for every unknown output. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The signature key of special values (secrets, assets, resource references) on the wire. */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature value of a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True when `value` is an unknown-during-preview sentinel. */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}
