import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildGitEnvironment } from "./git-environment.ts";

describe("buildGitEnvironment (SECURITY 14, 20, 23)", () => {
  it("passes nothing of the parent's environment but PATH, and fixes the isolating settings", () => {
    process.env.GIT_TRACE = "1";
    process.env.GIT_SSH_COMMAND = "evil";
    try {
      const env = buildGitEnvironment({
        home: "/h",
        protocols: ["https"],
        config: [["a.b", "c"]],
        extra: { GIT_TERMINAL_PROMPT: "1", SSH_ASKPASS: "/x" },
      });
      assert.equal(env.GIT_TRACE, undefined);
      assert.equal(env.GIT_SSH_COMMAND, undefined);
      assert.equal(env.XDG_CONFIG_HOME, undefined);
      assert.equal(env.GIT_TERMINAL_PROMPT, "0", "extras cannot override the fixed variables");
      assert.equal(env.SSH_ASKPASS, "/x");
      assert.equal(env.HOME, "/h");
      assert.equal(env.GIT_ALLOW_PROTOCOL, "https");
      assert.equal(env.GIT_CONFIG_NOSYSTEM, "1");
      assert.equal(env.GIT_CONFIG_GLOBAL, "/dev/null");
      const config = Array.from(
        { length: Number(env.GIT_CONFIG_COUNT) },
        (_, i) => `${env[`GIT_CONFIG_KEY_${i}`]}=${env[`GIT_CONFIG_VALUE_${i}`]}`,
      );
      for (const entry of [
        "core.hooksPath=/dev/null",
        "submodule.recurse=false",
        "credential.helper=",
        "http.followRedirects=false",
        "protocol.file.allow=never",
        "a.b=c",
      ]) {
        assert.ok(config.includes(entry), entry);
      }
      assert.ok(
        Object.keys(env).every(
          (key) =>
            !key.startsWith("GIT_") ||
            /^GIT_(CONFIG_|TERMINAL_PROMPT|ASKPASS|PROTOCOL_FROM_USER|ALLOW_PROTOCOL|NO_REPLACE_OBJECTS)/.test(key),
        ),
      );
    } finally {
      delete process.env.GIT_TRACE;
      delete process.env.GIT_SSH_COMMAND;
    }
  });

  it("allows the file transport only for local work", () => {
    const env = buildGitEnvironment({ home: "/h", protocols: ["file"] });
    assert.equal(env.GIT_ALLOW_PROTOCOL, "file");
    assert.ok(Object.entries(env).some(([key, value]) => value === "protocol.file.allow" && env[key.replace("KEY", "VALUE")] === "always"));
  });
});
