/** The subset of an OpenAPI 3.0 schema object this validator understands. */
export interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
}

const typeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

/**
 * Validates a JSON value against an OpenAPI 3.0 schema (type, properties, required,
 * additionalProperties, items, nullable, enum, anyOf/oneOf/allOf, simple bounds; `format`
 * ignored), resolving local `$ref`s in `root`. Returns the errors, `[]` when valid.
 */
export function validateJsonSchema(value: unknown, schema: Schema, root: unknown, path = "$"): string[] {
  if (schema.$ref !== undefined) {
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], root);
    if (target === undefined) return [`${path}: unresolved ${schema.$ref}`];
    return validateJsonSchema(value, target as Schema, root, path);
  }
  if (value === null)
    return schema.nullable || schema.type === "null" || schema.enum?.includes(null) ? [] : [`${path}: null is not allowed`];
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type !== undefined && schema.type !== actual && !(schema.type === "number" && actual === "integer")) {
    return [`${path}: expected ${schema.type}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (schema.allOf) for (const s of schema.allOf) errors.push(...validateJsonSchema(value, s, root, path));
  if (schema.anyOf && !schema.anyOf.some((s) => validateJsonSchema(value, s, root, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf`);
  }
  if (schema.oneOf) {
    const results = schema.oneOf.map((s) => validateJsonSchema(value, s, root, path));
    const matches = results.filter((r) => r.length === 0).length;
    if (matches !== 1) errors.push(`${path}: matches ${matches} of oneOf, expected exactly 1`);
    // Show why the closest alternative failed, so a fake payload can be fixed.
    if (matches === 0) errors.push(...results.reduce((a, b) => (b.length < a.length ? b : a)));
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value))
      errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...validateJsonSchema(item, schema.items!, root, `${path}[${i}]`)));
  }
  if (actual === "object") {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${path}: missing required ${key}`);
    for (const [key, child] of Object.entries(record)) {
      const propertySchema = schema.properties?.[key];
      if (propertySchema) errors.push(...validateJsonSchema(child, propertySchema, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${key}`);
      else if (typeof schema.additionalProperties === "object")
        errors.push(...validateJsonSchema(child, schema.additionalProperties, root, `${path}.${key}`));
    }
  }
  return errors;
}
