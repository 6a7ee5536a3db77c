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
