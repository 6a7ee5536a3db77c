const MIN_VARIANT = 8;
const MIN_LINE = 16;
const MAX_WHOLE_ENCODED = 4096;

/**
 * Every form in which `secret` may show up in a log line: raw, JSON-escaped, base64 and
 * base64url (at all three byte alignments), hex, percent-encoded, and the same for each
 * line of a multi-line secret.
 */
export function secretVariants(secret: string): string[] {
  const variants = new Set<string>();
  const lines = secret
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= MIN_LINE);
  const multiLine = lines.length > 1;
  for (const form of new Set([secret, secret.trim()])) {
    addTextForms(variants, form);
    // Lines of a long key cover its encodings piecewise; whole-key encodings would bloat the pattern.
    if (!multiLine || form.length <= MAX_WHOLE_ENCODED) addEncodedForms(variants, form);
  }
  if (multiLine) {
    for (const line of lines) {
      addTextForms(variants, line);
      addEncodedForms(variants, line);
    }
  }
  return [...variants].filter((variant) => variant.length >= MIN_VARIANT);
}

function addTextForms(variants: Set<string>, text: string): void {
  const json = JSON.stringify(text).slice(1, -1);
  variants.add(text);
  variants.add(json);
  variants.add(JSON.stringify(json).slice(1, -1));
}

function addEncodedForms(variants: Set<string>, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  for (const core of base64Cores(bytes, "base64")) variants.add(core);
  for (const core of base64Cores(bytes, "base64url")) variants.add(core);
  const hex = bytes.toString("hex");
  variants.add(hex);
  variants.add(hex.toUpperCase());
  const component = encodeURIComponent(text);
  variants.add(component);
  variants.add(component.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  variants.add(new URLSearchParams({ v: text }).toString().slice(2));
  variants.add(hex.replace(/../g, "%$&"));
  variants.add(hex.toUpperCase().replace(/../g, "%$&"));
}

// The characters fully determined by the secret's bytes when it sits at byte offset 0, 1 or 2
// (mod 3) inside a longer base64 string, e.g. `Basic base64(user:token)`.
function base64Cores(bytes: Buffer, encoding: "base64" | "base64url"): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString(encoding)
      .replace(/=+$/, "");
    cores.push(encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6)));
  }
  return cores;
}
