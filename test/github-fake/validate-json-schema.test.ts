import assert from "node:assert/strict";
import { it } from "node:test";
import { validateJsonSchema, type Schema } from "./validate-json-schema.ts";

const root = {
  components: {
    schemas: {
      user: {
        type: "object",
        required: ["login"],
        properties: { login: { type: "string" }, email: { type: "string", nullable: true } },
        additionalProperties: false,
      },
    },
  },
};
const user: Schema = { $ref: "#/components/schemas/user" };

it("validateJsonSchema accepts valid values and names what is wrong", () => {
  assert.deepEqual(validateJsonSchema({ login: "a", email: null }, user, root), []);
  assert.deepEqual(validateJsonSchema({ email: 1 }, user, root), ["$: missing required login", "$.email: expected string, got integer"]);
  assert.deepEqual(validateJsonSchema({ login: "a", x: 1 }, user, root), ["$: unexpected property x"]);
  assert.deepEqual(validateJsonSchema([{ login: "a" }, {}], { type: "array", items: user }, root), ["$[1]: missing required login"]);
  assert.deepEqual(validateJsonSchema("b", { enum: ["a"] }, root), ['$: "b" not in enum']);
  assert.deepEqual(validateJsonSchema(1, { oneOf: [{ type: "integer" }, { type: "number" }] }, root), [
    "$: matches 2 of oneOf, expected exactly 1",
  ]);
  assert.deepEqual(validateJsonSchema(null, { anyOf: [{ type: "string" }] }, root), ["$: null is not allowed"]);
  assert.deepEqual(validateJsonSchema({}, { $ref: "#/nope" }, root), ["$: unresolved #/nope"]);
});
