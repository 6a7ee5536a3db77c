import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { CountingServer } from "../../src/adapters/net/start-counting-server.ts";
import { startReceiver } from "../notifications/webhook-receiver.ts";
import { seriousViolations } from "./support/axe.ts";
import { bootstrapWorld, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { focusedField } from "./support/focused-field.ts";
import { tabTo } from "./support/keyboard.ts";
import { saveScreenshot } from "./support/screenshots.ts";

// Issue 17 item 7 in Chromium: event checkboxes, the secret rule stated before anyone errs, plain errors,
// a test ping that reports the real outcome next to its button, and the deliveries log — all by keyboard.
describe("web UI: webhooks — event checkboxes, secret rule, test ping result, deliveries", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  let token: string;
  let receiver: CountingServer;
  let deadOrigin: string;
  const secret = `whsec-${randomBytes(24).toString("base64url")}`;

  before(async () => {
    world = await startBrowserWorld();
    token = await bootstrapWorld(world);
    receiver = await startReceiver([204]);
    const dead = await startReceiver([204]);
    deadOrigin = dead.origin;
    await dead.close();
  });
  after(async () => {
    await receiver?.close();
    await world?.close();
  });

  it("adds a webhook by keyboard with chosen events, pings it for real, and shows a failed ping and its log", async () => {
    const { page } = await world.newPage({ bypassCSP: true });
    await signIn(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Add a webhook" }).waitFor();
    await page.getByText("16 to 1024 characters, no control characters").waitFor();

    await tabTo(page, /^Name/);
    await page.keyboard.type("ops");
    await tabTo(page, /^URL/);
    await page.keyboard.type(`${receiver.origin}/hook`);
    await tabTo(page, /^Signing secret/);
    await page.keyboard.type("too short");
    await tabTo(page, /All events/);
    assert.equal(await page.getByLabel("All events, including ones added later").isChecked(), true, "all events by default");
    await page.keyboard.press("Space");
    await tabTo(page, /Connection status changes/);
    await page.keyboard.press("Space");
    await tabTo(page, /A credential expires in/);
    await page.keyboard.press("Space");
    await tabTo(page, /private-network address/);
    await page.keyboard.press("Space");
    await tabTo(page, /^Add webhook$/);
    await page.keyboard.press("Enter");
    const secretError = page.locator("#webhook-secret-error");
    await secretError.waitFor();
    const message = "The signing secret must be 16 to 1024 characters, with no control characters.";
    assert.equal(await secretError.textContent(), message);
    assert.equal(await page.getByText("The signing secret must be").count(), 1, "said once, beside the field");
    // A screen reader hears the error: focus moved to the field, whose accessible description carries it.
    const field = await focusedField(page);
    assert.equal(field.id, "webhook-secret", "focus is on the invalid field");
    assert.equal(field.name, "Signing secret");
    assert.equal(field.invalid, true);
    assert.ok(field.description.endsWith(message), `the error is the field's description: "${field.description}"`);
    const shown = (await page.locator("main").textContent()) ?? "";
    assert.doesNotMatch(shown, /(?<!signing )secret must|allowPrivateNetwork|invalid_type|Expected/, "plain words only");

    await page.keyboard.type(secret);
    await tabTo(page, /^Add webhook$/);
    await page.keyboard.press("Enter");
    const row = page.getByRole("row", { name: /ops/ });
    await row.getByText("connection.status_changed, credential.expiring").waitFor();

    await tabTo(page, /Send test ping to ops/, { backwards: true, max: 60 });
    await page.keyboard.press("Enter");
    await row.getByText("Test ping delivered: the receiver answered HTTP 204.").waitFor();
    assert.equal(receiver.requests.length, 1, "the ping was really sent");
    assert.equal(receiver.requests[0]?.headers["x-repolink-event"], "ping");
    assert.match(String(await page.evaluate(() => document.activeElement?.textContent)), /Send test ping/, "focus stays on the button");

    const added = await world.call(
      "POST",
      "/api/v1/webhooks",
      { name: "gone", url: `${deadOrigin}/hook`, secret, events: ["credential.expired"], allowPrivateNetwork: true },
      token,
    );
    assert.equal(added.status, 201);
    await page.reload();
    const gone = page.getByRole("row", { name: /gone/ });
    await gone.waitFor();
    await gone.getByRole("button", { name: /Send test ping/ }).focus();
    await page.keyboard.press("Enter");
    await gone.getByText(/^Test ping failed\. Not delivered yet \(1 attempt\): the receiver could not be reached/).waitFor();
    assert.equal(await gone.getByText(/Test ping delivered/).count(), 0, "never 'sent' when it was not");

    await tabTo(page, /Deliveries of gone/);
    await page.keyboard.press("Enter");
    const log = page.getByRole("region", { name: "Deliveries to gone" });
    await log.waitFor();
    assert.equal(await gone.getByRole("button", { name: /Deliveries of gone/ }).getAttribute("aria-expanded"), "true");
    const entry = log.getByRole("row", { name: /ping/ });
    await entry.getByText("Retrying").waitFor();
    await entry.getByText("None").waitFor();
    await entry.getByText(/the receiver could not be reached/).waitFor();
    await saveScreenshot(page, "30-webhook-deliveries");
    assert.deepEqual(await seriousViolations(page), []);
  });
});
