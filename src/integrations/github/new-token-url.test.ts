import assert from "node:assert/strict";
import { it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { newTokenUrl } from "./new-token-url.ts";

it("newTokenUrl prefills a classic token with the repo scope", () => {
  assert.equal(
    newTokenUrl("https://github.com/", { kind: "classic", description: "Repolink release & CI" }),
    "https://github.com/settings/tokens/new?scopes=repo&description=Repolink+release+%26+CI",
  );
});

it("newTokenUrl prefills a fine-grained token with contents write", () => {
  const url = new URL(
    newTokenUrl("https://ghe.example.com/", { kind: "fine-grained", description: "Repolink", targetName: "acme", expiresInDays: 90 }),
  );
  assert.equal(url.pathname, "/settings/personal-access-tokens/new");
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    name: "Repolink",
    description: "Repolink",
    target_name: "acme",
    expires_in: "90",
    contents: "write",
  });
});

it("newTokenUrl refuses a non-http URL", () => {
  assert.throws(
    () => newTokenUrl("javascript:alert(1)", { kind: "classic", description: "x" }),
    (e) => e instanceof AppError && e.code === "HOST_URL_INVALID",
  );
});
