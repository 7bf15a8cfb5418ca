import assert from "node:assert/strict";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { resolveDataRoot } from "../../src/data/root.js";

test("data root: flag, then RETROPROP_DATA, then XDG_CACHE_HOME/retroprop, then ~/.cache/retroprop", () => {
  const env = { RETROPROP_DATA: "/data/env", XDG_CACHE_HOME: "/xdg" };
  assert.equal(resolveDataRoot("rel/dir", env), resolve("rel/dir"));
  assert.equal(resolveDataRoot(undefined, env), resolve("/data/env"));
  assert.equal(resolveDataRoot(undefined, { XDG_CACHE_HOME: "/xdg" }), join(resolve("/xdg"), "retroprop"));
  assert.equal(resolveDataRoot(undefined, {}), join(homedir(), ".cache", "retroprop"));
  assert.equal(resolveDataRoot("", { RETROPROP_DATA: "" }), join(homedir(), ".cache", "retroprop"));
});
