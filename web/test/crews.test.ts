import { describe, expect, it } from "vitest";
import { crewIdFrom, nextMemberId } from "../src/passes/crews";

describe("a crew made on the page", () => {
  it("gets an id from its name in plain letters, Vietnamese marks and đ taken off", () => {
    expect(crewIdFrom("Tổ ứng cứu số 1 — Đắk Đoa")).toBe("crew-to-ung-cuu-so-1-dak-doa");
    expect(crewIdFrom("   ")).toBe("crew-new");
    expect(crewIdFrom("x".repeat(80)).length).toBe(40);
  });

  it("gives a new member the first id its crew does not use", () => {
    expect(nextMemberId([])).toBe("m1");
    expect(nextMemberId(["m1", "m2"])).toBe("m3");
    expect(nextMemberId(["m2", "m3"])).toBe("m1");
  });
});
