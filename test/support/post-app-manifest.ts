import assert from "node:assert/strict";

/** What GitHub's page does with the posted manifest: creates the App and sends the browser back with a code and the state. */
export async function postManifest(form: { postUrl: string; manifest: string }): Promise<{ code: string; state: string; back: URL }> {
  const response = await fetch(form.postUrl, {
    method: "POST",
    body: new URLSearchParams({ manifest: form.manifest }),
    redirect: "manual",
  });
  await response.arrayBuffer();
  assert.equal(response.status, 302);
  const back = new URL(response.headers.get("location") ?? "");
  return { code: back.searchParams.get("code") ?? "", state: back.searchParams.get("state") ?? "", back };
}
