/** Escapes text for HTML and SVG element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Shortens text to `max` characters with an ellipsis (SVG text does not wrap; the full text goes in a tooltip). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Attributes from a record (values escaped; undefined values left out). */
export function attributes(values: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join("");
}

/**
 * About how wide `text` is in pixels at `size` px in a sans-serif font (SVG boxes are sized before the
 * browser lays text out; capitals are wider than small letters).
 */
export function approxTextWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += /[A-Z0-9]/.test(ch) ? 0.78 : /[ .,:;'()|!il]/.test(ch) ? 0.36 : 0.62;
  return em * size * (bold ? 1.07 : 1);
}
