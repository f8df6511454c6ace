import { DestructiveSetting, KeyFact } from "../core/data-stores";
import { Fact, known, unknown } from "../core/facts";
import { JsonValue, isJsonObject } from "../core/json";
import { PlannedResource } from "../core/planned-stack";
import { PropertyPath, formatPath, readBoolean, readRaw } from "../core/raw-values";
import { readSetting } from "../core/settings";
import { UNKNOWN_STRING, isUnknown } from "../core/unknowns";
import { describeResource } from "./native-routes";
import { resourceTags } from "./tags";
import { AWS_TYPES } from "./type-tokens";

/**
 * An EBS volume an `aws.ec2.Instance` declares inline: its `rootBlockDevice`, or an entry of
 * `ebsBlockDevices`. `block` is undefined when the entry cannot be read during preview (the list is unknown).
 */
export interface InlineVolume {
  /** `rootBlockDevice`, `ebsBlockDevices[0]`, or `ebsBlockDevices` when the list is unknown during preview. */
  readonly name: string;
  readonly path: PropertyPath;
  readonly block: JsonValue | undefined;
  /** The volume's tags (the device's own `tags`, else the instance's `volumeTags`); undefined when unknown. */
  readonly tags: Readonly<Record<string, string>> | undefined;
}

const volumeCache = new WeakMap<PlannedResource, readonly InlineVolume[]>();

/**
 * A nested value unknown in planned outputs although the program did not compute it from any resource:
 * the provider computes it because the program left it out (see `settledProps`), so it is not set.
 */
export function settledDeviceValue<T>(instance: PlannedResource, volume: InlineVolume, fact: Fact<T>): Fact<T> {
  if (fact.state !== "unknown") return fact;
  const top = String(volume.path[0]);
  const providerComputed =
    instance.origin === "outputs" &&
    !instance.filledFromInputs?.includes(top) &&
    !instance.unknownInInputs?.includes(top) &&
    (instance.propertyDependencies[top] ?? []).length === 0;
  return providerComputed ? { state: "absent", basis: `${fact.basis}, computed by the provider because the program leaves it out` } : fact;
}

/** Tags of a tag map value, undefined when any is unknown or not a string. */
function tagMap(value: Fact<JsonValue>): Readonly<Record<string, string>> | undefined {
  if (value.state === "absent") return {};
  if (value.state === "unknown" || !isJsonObject(value.value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, tag] of Object.entries(value.value)) {
    if (typeof tag !== "string" || isUnknown(tag)) return undefined;
    out[key] = tag;
  }
  return out;
}

/**
 * The EBS volumes an EC2 instance declares inline. A `rootBlockDevice` or `ebsBlockDevices` the program
 * leaves out declares none (the root volume then follows the AMI and is not counted as data the program
 * declares); a list unknown during preview is one entry that cannot be read, so that nothing passes unseen.
 */
export function inlineVolumes(instance: PlannedResource): readonly InlineVolume[] {
  if (instance.type !== AWS_TYPES.ec2Instance) return [];
  const cached = volumeCache.get(instance);
  if (cached) return cached;
  const shared = readSetting(instance, ["volumeTags"]);
  const tagsOf = (block: JsonValue | undefined): Readonly<Record<string, string>> | undefined => {
    if (block === undefined) return undefined;
    const own = readRaw(block, ["tags"]);
    return own.state === "absent" ? tagMap(shared) : tagMap(own);
  };
  const out: InlineVolume[] = [];
  const root = readSetting(instance, ["rootBlockDevice"]);
  // A single block may be given as a one-entry list (Terraform shape).
  const rootBlock = root.state === "known" ? (Array.isArray(root.value) ? root.value[0] : root.value) : undefined;
  if (root.state === "unknown") out.push({ name: "rootBlockDevice", path: ["rootBlockDevice"], block: undefined, tags: undefined });
  else if (rootBlock !== undefined && rootBlock !== null) out.push({ name: "rootBlockDevice", path: ["rootBlockDevice"], block: rootBlock, tags: tagsOf(rootBlock) });
  const devices = readSetting(instance, ["ebsBlockDevices"]);
  if (devices.state === "unknown") out.push({ name: "ebsBlockDevices", path: ["ebsBlockDevices"], block: undefined, tags: undefined });
  else if (devices.state === "known" && Array.isArray(devices.value)) {
    devices.value.forEach((block, i) => {
      const path = ["ebsBlockDevices", i];
      out.push({ name: formatPath(path), path, block: isUnknown(block) ? undefined : block, tags: isUnknown(block) ? undefined : tagsOf(block) });
    });
  }
  volumeCache.set(instance, out);
  return out;
}

/**
 * For messages: `EBS storage of Instance "web"` (its inline volumes, named by each finding's setting).
 * Short, since it opens first sentences of at most 160 characters.
 */
export function inlineStorageLabel(instance: PlannedResource): string {
  return `EBS storage of ${describeResource(instance)}`;
}

/**
 * The tags every inline volume of the instance carries (what a DLM policy targeting VOLUME can match for
 * all of them); undefined when a volume's tags are unknown during preview.
 */
export function commonVolumeTags(instance: PlannedResource): Readonly<Record<string, string>> | undefined {
  let common: Record<string, string> | undefined;
  for (const volume of inlineVolumes(instance)) {
    if (!volume.tags) return undefined;
    if (!common) common = { ...volume.tags };
    else for (const key of Object.keys(common)) if (volume.tags[key] !== common[key]) delete common[key];
  }
  return common ?? {};
}

const asVolumeCache = new WeakMap<PlannedResource, PlannedResource>();

/**
 * The inline volumes of an instance seen as one EBS volume that carries the tags all of them carry, whose
 * ARN AWS picks: what an AWS Backup selection of EBS volumes by tag or ARN pattern is matched against.
 */
export function inlineVolumesAsVolume(instance: PlannedResource): PlannedResource {
  let volume = asVolumeCache.get(instance);
  if (!volume) {
    volume = {
      urn: `${instance.urn}#inline-volumes`,
      type: AWS_TYPES.ebsVolume,
      name: instance.name,
      props: { tags: commonVolumeTags(instance) ?? UNKNOWN_STRING },
      origin: "inputs",
      ...(instance.provider ? { provider: instance.provider } : {}),
      dependencies: [],
      propertyDependencies: {},
    };
    asVolumeCache.set(instance, volume);
  }
  return volume;
}

/** The instance's own tags (what AWS Backup selections and DLM INSTANCE targets match). */
export function instanceTags(instance: PlannedResource): Readonly<Record<string, string>> | undefined {
  return resourceTags(instance);
}

/**
 * `deleteOnTermination` of each inline volume. Its default is true for the root volume and for
 * `ebsBlockDevices` alike: "If no value is specified for DeleteOnTermination, the default is true and the
 * volume is deleted when the instance is terminated" (EC2 API reference, ModifyInstanceAttribute,
 * BlockDeviceMappings; EbsInstanceBlockDeviceSpecification: "Indicates whether the volume is deleted on
 * instance termination"; the AWS provider's `delete_on_termination` defaults to true for
 * `root_block_device` and `ebs_block_device`). Snapshots of the volume (AWS Backup recovery points and
 * AMIs, DLM snapshots) are not deleted with it.
 */
export function deleteOnTerminationSettings(instance: PlannedResource): DestructiveSetting[] {
  const label = describeResource(instance);
  return inlineVolumes(instance).map((volume) => {
    const setting = `${volume.name}.deleteOnTermination`;
    const value = volume.block === undefined ? unknown(`${volume.name} is unknown during preview`) : settledDeviceValue(instance, volume, readBoolean(volume.block, ["deleteOnTermination"]));
    const enabled: Fact<boolean> =
      value.state === "known"
        ? known(value.value, `${setting} is ${value.value}`)
        : value.state === "absent"
          ? known(true, `${setting} is not set, and the default is true`)
          : unknown(value.basis.startsWith(volume.name) ? value.basis : `${setting} is unknown during preview`);
    return {
      setting,
      enabled,
      effect: `terminating or replacing ${label} deletes the volume ${volume.name} with it, and with it whatever was written since its last snapshot`,
      remedy: `Set ${setting}: false so that the volume outlives the instance, or keep snapshots of it that outlive it (an AWS Backup selection of the instance, a DLM policy).`,
      lost: `the volume ${volume.name} itself, i.e. the data written since its last snapshot`,
    };
  });
}

/** Whether the inline volumes are encrypted, per device, as one key fact (the same key for all, else unknown). */
export function inlineVolumesKey(instance: PlannedResource, keyOf: (volume: InlineVolume) => KeyFact): KeyFact {
  const keys = inlineVolumes(instance).map((volume) => ({ volume, key: keyOf(volume) }));
  if (keys.length === 0) return { state: "unknown", basis: `${describeResource(instance)} declares no inline volume` };
  const first = keys[0].key;
  const same = (a: KeyFact, b: KeyFact): boolean =>
    a.state === b.state && (a.state !== "customer-key" || (b.state === "customer-key" && a.key === b.key && a.keyUrn === b.keyUrn));
  const unknownKey = keys.find((k) => k.key.state === "unknown");
  if (unknownKey) return unknownKey.key;
  if (keys.every((k) => same(k.key, first))) return first;
  return {
    state: "unknown",
    basis: `the inline volumes of ${describeResource(instance)} use different keys (${keys.map((k) => `${k.volume.name}: ${k.key.state === "customer-key" ? k.key.key : k.key.state}`).join(", ")}), which are judged together`,
  };
}
