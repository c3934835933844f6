import { describe, expect, it } from "vitest";
import { DirectivesState, responsibleFor } from "../src/directives";

const words: Record<string, string> = { contact_point: "Đầu mối liên hệ", emergency_response: "Trực ứng cứu thông tin" };
const word = (w: string) => words[w] ?? w;

describe("DirectivesState", () => {
  it("keeps each organisation and obligation at its highest version, whatever order items come in", () => {
    const state = new DirectivesState();
    state.apply({ type: "obligation", id: "126.1.3.military", version: 2, data: { id: "126.1.3.military", organisationId: "military", kind: "contact_point", clause: "1.3", status: "met" } });
    state.apply({ type: "obligation", id: "126.1.3.military", version: 1, data: { id: "126.1.3.military", organisationId: "military", kind: "contact_point", clause: "1.3", status: "overdue" } });
    state.apply({ type: "organisation", id: "military", version: 1, data: { id: "military", name: "Bộ Chỉ huy Quân sự tỉnh", kind: "military" } });
    state.apply({ type: "site", id: "bts-1", version: 9, data: {} });

    expect(state.allObligations().map((o) => o.status)).toEqual(["met"]);
    expect(state.describe({ type: "obligation", id: "126.1.3.military" }, word)).toBe("Bộ Chỉ huy Quân sự tỉnh — Đầu mối liên hệ (1.3)");
  });

  it("names a roster gap's organisation and duty, and knows who is on duty at a moment", () => {
    const state = new DirectivesState();
    state.apply({ type: "organisation", id: "vnpt", version: 1, data: { id: "vnpt", name: "VNPT Gia Lai", kind: "telecom" } });
    state.apply({ type: "shift", id: "vnpt.er-1", version: 1, data: { id: "er-1", organisationId: "vnpt", duty: "emergency_response", person: "A", phone: "0000", start: "2021-02-02T00:00:00Z", end: "2021-02-02T08:00:00Z" } });

    expect(state.describe({ type: "roster", id: "vnpt.emergency_response.20210204T15" }, word)).toBe("VNPT Gia Lai — Trực ứng cứu thông tin");
    expect(state.onDuty("vnpt", Date.parse("2021-02-02T07:59:00Z")).map((s) => s.id)).toEqual(["er-1"]);
    expect(state.onDuty("vnpt", Date.parse("2021-02-02T08:00:00Z"))).toEqual([]);
  });
});

describe("who to call", () => {
  it("is the district committee for a district, a zone and a checkpoint (with its wifi provider), the operator for a site, office or route", () => {
    const of = (type: string, data: Record<string, unknown>) => responsibleFor({ type, data } as never);
    expect(of("district", { id: "622" })).toEqual(["district-622"]);
    expect(of("zone", { id: "z", districtId: "623" })).toEqual(["district-623"]);
    expect(of("checkpoint", { id: "c", districtId: "622", wifiOperator: "vnpt" })).toEqual(["district-622", "vnpt"]);
    expect(of("checkpoint", { id: "c", districtId: "622", wifiOperator: null })).toEqual(["district-622"]);
    for (const type of ["site", "office", "route"]) expect(of(type, { id: "x", operator: "viettelpost" })).toEqual(["viettelpost"]);
    expect(of("flag", { id: "f" })).toEqual([]);
  });
});
