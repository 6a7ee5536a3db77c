import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requestTarget } from "./request-target.ts";

describe("requestTarget", () => {
  it("fills each path parameter URL-encoded, so a name with a slash stays one segment", () => {
    assert.deepEqual(requestTarget("GET /repositories/{ref}/branches", { ref: "acme/web" }), {
      method: "GET",
      path: "/repositories/acme%2Fweb/branches",
    });
  });

  it("appends the query, leaving out what is undefined", () => {
    assert.deepEqual(requestTarget("DELETE /credentials/{ref}", { ref: "bot" }, { force: true, other: undefined }), {
      method: "DELETE",
      path: "/credentials/bot?force=true",
    });
    assert.equal(requestTarget("GET /audit", {}, { limit: 5 }).path, "/audit?limit=5");
  });

  it("refuses a missing path parameter by name", () => {
    assert.throws(() => requestTarget("GET /tokens/{id}"), /the path parameter id is missing/);
  });
});
