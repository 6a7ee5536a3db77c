import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";

const assets = join(import.meta.dirname, "..", "..", "web", "dist", "assets");

it("the web bundle carries no zod: the UI imports plain values from core, never the contract's schemas", () => {
  const scripts = readdirSync(assets).filter((name) => name.endsWith(".js"));
  assert.ok(scripts.length > 0, "no built web UI: run npm run build:web");
  for (const name of scripts) {
    const source = readFileSync(join(assets, name), "utf8");
    assert.doesNotMatch(source, /\$ZodType|ZodError/, `${name} bundles zod (about 100 kB more for every visitor)`);
  }
});

it("rarely visited pages (wizard, webhooks, users, hosts, tokens, audit log) are scripts of their own, out of the first one", () => {
  const index = readFileSync(join(assets, "..", "index.html"), "utf8");
  const entry = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(index)?.[1];
  assert.ok(entry, "index.html loads one entry script");
  const first = readFileSync(join(assets, entry), "utf8");
  const pages = {
    wizard: "Let Repolink reach your repositories on GitHub",
    webhooks: "signed with HMAC-SHA256 of the shared secret",
    users: "Admins manage hosts and team-wide credentials",
    hosts: "Only these hosts are ever contacted",
    tokens: "Pipelines and the CLI authenticate with an API token",
    "audit log": "Every create, update, use, failure and delete",
  };
  const all = readdirSync(assets)
    .filter((name) => name.endsWith(".js"))
    .map((name) => readFileSync(join(assets, name), "utf8"))
    .join("\n");
  for (const [page, text] of Object.entries(pages)) {
    assert.ok(all.includes(text), `the ${page} page's text is in the build (the check would pass vacuously otherwise)`);
    assert.ok(!first.includes(text), `the ${page} page is in the first script`);
  }
});
