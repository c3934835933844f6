import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { verifyPass } from "../src/passes/passToken";
import type { PassKey } from "../generated/contract";

// Tokens signed by the server's own composition, with the verdict the server's rules give each
// (tests/Situation.Tests/Passes/PassTokenCases.cs). The server's test run hands a freshly signed set
// (SITUATION_PASS_CASES); otherwise a kept set, which that run checks against the server's rules.
interface PassTokenCase {
  name: string;
  token: string;
  keys: PassKey[];
  revoked: string[];
  checkpointId: string;
  checkpointZones: string[];
  nowMs: number;
  expected: string;
}

const file = process.env.SITUATION_PASS_CASES ?? new URL("./fixtures/pass-tokens.json", import.meta.url);
const cases = JSON.parse(readFileSync(file, "utf8")) as PassTokenCase[];

describe(`the officer's page checks passes as the server does (${cases.length} cases)`, () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const verdict = await verifyPass(c.token, c.keys, new Set(c.revoked), c.checkpointId, c.checkpointZones, new Date(c.nowMs));
    expect(verdict.result).toBe(c.expected);
    if (["valid", "revoked", "expired", "not_yet_valid", "wrong_checkpoint", "wrong_zone"].includes(c.expected))
      expect(verdict.claims?.m).toEqual(["Nguyễn Văn Thành", "Rơ Châm Đức"]);
  });
});
