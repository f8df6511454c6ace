/**
 * The stack configuration the Pulumi language host passes to the pack in `PULUMI_CONFIG`
 * (`"ns:key" -> value`). Values that are not strings are JSON-encoded, as the engine does for providers.
 */
export function stackConfigFromEnv(env: NodeJS.ProcessEnv = process.env): { config: Record<string, string>; error?: string } {
  const raw = env["PULUMI_CONFIG"];
  if (raw === undefined || raw.trim() === "") return { config: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { config: {}, error: `PULUMI_CONFIG is not valid JSON (${(error as Error).message})` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { config: {}, error: "PULUMI_CONFIG is not a JSON object" };
  }
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config };
}
