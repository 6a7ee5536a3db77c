import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkHostAllowed, checkUrlAllowed } from "./check-url-allowed.ts";
import type { HostResolver } from "./resolve-allowed-addresses.ts";

const resolvesTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
const refused = { code: "HOST_ADDRESS_REFUSED", message: "Repolink refused to connect: the address is not allowed for this host." };

describe("checkUrlAllowed", () => {
  it("refuses private literals and names resolving to private addresses, without connecting", async () => {
    for (const url of ["https://127.1/", "https://0x7f000001/o/r.git", "https://[::ffff:127.0.0.1]/", "http://169.254.169.254/"]) {
      await assert.rejects(checkUrlAllowed(url, false), refused, url);
    }
    for (const addresses of [["10.0.0.1"], ["140.82.112.3", "192.168.1.1"], ["fc00::1"]]) {
      await assert.rejects(checkUrlAllowed("https://ghe.example.test/o/r.git", false, { lookup: resolvesTo(...addresses) }), refused);
    }
  });

  it("refuses other schemes and userinfo", async () => {
    for (const url of ["ssh://git@github.com/o/r.git", "file:///tmp/r", "https://x-access-token:t@github.com/o/r.git", "nonsense"]) {
      await assert.rejects(checkUrlAllowed(url, true), refused, url);
    }
  });

  it("accepts public addresses, and private ones when the host allows them", async () => {
    await checkUrlAllowed("https://github.example.test/o/r.git", false, { lookup: resolvesTo("140.82.112.3", "2606:50c0:8000::153") });
    await checkUrlAllowed("https://127.0.0.1:8443/o/r.git", true);
    await checkUrlAllowed("https://ghe.example.test/", true, { lookup: resolvesTo("10.0.0.1") });
  });

  it("returns the checked addresses so a git runner can pin them", async () => {
    assert.deepEqual(await checkHostAllowed("ghe.example.test", true, { lookup: resolvesTo("10.0.0.1") }), [
      { address: "10.0.0.1", family: 4 },
    ]);
    assert.deepEqual(await checkHostAllowed("[::1]", true), [{ address: "::1", family: 6 }]);
  });

  it("reports a failed lookup as unreachable, not refused", async () => {
    const failing: HostResolver = async () => {
      throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    };
    await assert.rejects(checkUrlAllowed("https://nowhere.example.test/", false, { lookup: failing }), { code: "HOST_UNREACHABLE" });
  });
});
