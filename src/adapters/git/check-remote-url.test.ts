import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { checkRemoteUrl } from "./check-remote-url.ts";

const rejects = (url: string, allowHttp = false) =>
  assert.throws(
    () => checkRemoteUrl(url, { allowHttp }),
    (e: unknown) => e instanceof AppError && e.code === "REPO_URL_INVALID",
    url,
  );

describe("checkRemoteUrl", () => {
  it("accepts https, ssh and scp-like URLs and derives the header scope", () => {
    assert.deepEqual(checkRemoteUrl("https://GitHub.com/octo/repo.git"), {
      scheme: "https",
      host: "github.com",
      port: null,
      user: null,
      path: "/octo/repo.git",
      origin: "https://github.com/",
      url: "https://github.com/octo/repo.git",
    });
    assert.equal(checkRemoteUrl("https://ghe.local:8443/o/r").origin, "https://ghe.local:8443/");
    assert.equal(checkRemoteUrl("https://[::1]:8443/o/r").origin, "https://[::1]:8443/");
    assert.equal(checkRemoteUrl("ssh://git@github.com:2222/o/r.git").port, 2222);
    const scp = checkRemoteUrl("git@github.com:octo/repo.git");
    assert.equal(scp.scheme, "ssh");
    assert.equal(scp.host, "github.com");
    assert.equal(scp.user, "git");
    assert.equal(checkRemoteUrl("http://127.0.0.1:9/o/r.git", { allowHttp: true }).origin, "http://127.0.0.1:9/");
  });

  it("rejects control characters, raw or percent-encoded, and the Clone2Leak form (SECURITY 15)", () => {
    for (const url of [
      "https://github.com/o/r\n",
      "https://github.com/o%0a/r",
      "https://github.com/o%0D/r",
      "https://github.com/o%00/r",
      "https://github.com/o\u0000/r",
      "https://github.com/%1b[31m/r",
    ])
      rejects(url);
    rejects("http://%0dprotocol=https%0dhost=github.com%0d@localhost:1/", true);
  });

  it("rejects empty hosts, missing schemes and userinfo with a password (SECURITY 17)", () => {
    for (const url of [
      "https:///x",
      "https://",
      "github.com/o/r",
      "https://:443/o/r",
      "https://user:pw@github.com/o/r",
      "https://token@github.com/o/r",
      "ssh://git:pw@github.com/o/r",
      "https://github.com",
      "https://github.com/",
    ])
      rejects(url);
  });

  it("rejects option injection in host, user or path (SECURITY 18)", () => {
    for (const url of [
      "--upload-pack=touch x",
      "-oProxyCommand=x",
      "ssh://-oProxyCommand=x/r",
      "git@-oProxyCommand=x:r",
      "ssh://git@host/-r",
      "git@host:-r",
      "-git@host:r",
      "ssh://-u@host/r",
    ])
      rejects(url);
  });

  it("refuses every transport but https and ssh, and http unless allowed (SECURITY 19)", () => {
    for (const url of [
      "ext::sh -c touch x",
      "ext::ssh",
      "fd::17",
      "file:///etc/passwd",
      "git://github.com/o/r",
      "ftp://h/r",
      "http://github.com/o/r",
      "/local/path",
      "./repo",
    ])
      rejects(url);
  });

  it("rejects queries, fragments, spaces, backslashes and non-ASCII hosts", () => {
    for (const url of [
      "https://github.com/o/r?x=1",
      "https://github.com/o/r#f",
      "https://git hub.com/o/r",
      "https://github.com\\@evil/o/r",
      "https://gïthub.com/o/r",
    ])
      rejects(url);
  });
});
