import { describe, expect, it } from "vitest";
import { buildGrid, gridCsv } from "../src/complianceGrid";
import type { ObligationView } from "../generated/contract";

const obligation = (organisationId: string, kind: string, status: string, extra: Partial<ObligationView> = {}): ObligationView => ({
  id: `126.${kind}.${organisationId}`, version: 1, directiveId: "126", clause: "1.3", kind, organisationId, cadence: "once", status,
  statusSince: "2021-02-02T09:00:00+07:00", computed: true, updatedAt: "2021-02-02T09:00:00+07:00", updatedBy: "system", ...extra,
} as ObligationView);

const obligations = [
  obligation("police", "contact_point", "met"),
  obligation("district-622", "contact_point", "pending", { districtId: "622", deadline: "2021-02-03T00:00:00+07:00" }),
  obligation("district-622", "checkpoint_wifi", "met", { districtId: "622" }),
  obligation("district-623", "contact_point", "overdue", { districtId: "623", deadline: "2021-02-03T00:00:00+07:00" }),
  obligation("vnpt", "duty_roster", "pending"),
  obligation("vnpt", "contact_point", "waived"),
];

describe("the compliance grid", () => {
  it("puts the addressee with an overdue cell first, then those with most still owed, and shows each kind that occurs", () => {
    const grid = buildGrid(obligations, { kind: "", district: "" });
    expect(grid.rows.map((r) => r.organisation)).toEqual(["district-623", "district-622", "vnpt", "police"]);
    expect(grid.kinds).toEqual(["contact_point", "checkpoint_wifi", "duty_roster"]);
    expect(grid.overdue).toBe(1);
    expect(grid.rows[1].cells.get("checkpoint_wifi")?.status).toBe("met");
    expect(grid.rows[2].cells.has("checkpoint_wifi")).toBe(false);
  });

  it("keeps only the kind and the district chosen", () => {
    expect(buildGrid(obligations, { kind: "contact_point", district: "" }).rows.map((r) => r.organisation)).toEqual(["district-623", "district-622", "police", "vnpt"]);
    const pleiku = buildGrid(obligations, { kind: "", district: "622" });
    expect(pleiku.rows.map((r) => r.organisation)).toEqual(["district-622"]);
    expect(pleiku.kinds).toEqual(["contact_point", "checkpoint_wifi"]);
  });

  it("is a CSV a spreadsheet reads: a row per addressee, a column per kind, the deadline while it is owed", () => {
    const names: Record<string, string> = { "district-622": "UBND Pleiku", "district-623": "UBND An Khê" };
    const csv = gridCsv(buildGrid(obligations, { kind: "", district: "" }), (o) => names[o]);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      `"organisation","name","contact_point","checkpoint_wifi","duty_roster"`,
      `"district-623","UBND An Khê","overdue (2021-02-03T00:00:00+07:00)","",""`,
      `"district-622","UBND Pleiku","pending (2021-02-03T00:00:00+07:00)","met",""`,
      `"vnpt","","waived","","pending"`,
      `"police","","met","",""`,
      "",
    ]);
  });
});
