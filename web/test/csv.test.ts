import { describe, expect, it } from "vitest";
import { parseCsv, reportItem, shiftItem, siteBody } from "../src/csv";

describe("CSV import", () => {
  it("reads quoted cells, CRLF and a BOM, and numbers rows by their line in the file", () => {
    const rows = parseCsv('\uFEFFid,name,lon,lat\r\nbts-1,"Trạm ""Hội Phú"", Pleiku",108.0,13.97\r\n\r\nbts-2,Trạm 2,108.1,13.9\r\n');

    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0].values.name).toBe('Trạm "Hội Phú", Pleiku');
  });

  it("turns a site row into a request and a row with a broken coordinate into a row error", () => {
    const [good, bad] = parseCsv("id,operator,kind,lon,lat\nbts-1,viettel,bts,108,13.9\nbts-2,viettel,bts,abc,13.9");

    expect(siteBody(good).body).toMatchObject({ id: "bts-1", location: { type: "Point", coordinates: [108, 13.9] } });
    expect(siteBody(bad).error).toEqual({ line: 3, field: "lon/lat", message: "not a number", problem: "notNumber" });
  });

  it("splits causes and refuses a fractional battery", () => {
    const [row, fraction] = parseCsv("siteId,health,power,batteryMinutes,causes\nbts-1,down,battery,30,power;transport\nbts-2,down,battery,2.5,");

    expect(reportItem(row).item).toMatchObject({ siteId: "bts-1", batteryMinutes: 30, causes: ["power", "transport"] });
    expect(reportItem(fraction).error?.field).toBe("batteryMinutes");
  });

  it("turns a roster row into a shift and a row without a readable end into a row error", () => {
    const [good, bad] = parseCsv("id,duty,person,phone,start,end\nops-1,operations,Lê Thị C,0000 002 001,2021-02-02T07:00:00+07:00,2021-02-02T15:00:00+07:00\nops-2,operations,Lê Thị D,0000 002 002,2021-02-02T15:00:00+07:00,tomorrow");

    expect(shiftItem(good).item).toEqual({ id: "ops-1", duty: "operations", person: "Lê Thị C", phone: "0000 002 001", start: "2021-02-02T07:00:00+07:00", end: "2021-02-02T15:00:00+07:00" });
    expect(shiftItem(bad).error).toMatchObject({ line: 3, field: "end" });
  });
});
