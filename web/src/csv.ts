// CSV files of sites or of reports, as an operator's network system exports them: a header row
// naming the columns, then one row per site or report (RFC 4180 quoting). Rows become API
// requests; every row that fails says which row and which field.

export interface Row {
  line: number;
  values: Record<string, string>;
}

/** Parses CSV text into rows keyed by the header's column names; `line` is the 1-based line of the file. */
export function parseCsv(text: string): Row[] {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === "\n") line++; cell += c; }
    } else if (c === '"') quoted = true;
    else if (c === ",") { cells.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.some((v) => v.trim() !== "")) records.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      line++;
      recordLine = line;
    } else cell += c;
  }
  cells.push(cell);
  if (cells.some((v) => v.trim() !== "")) records.push({ line: recordLine, cells });
  if (records.length === 0) return [];
  const header = records[0].cells.map((h) => h.trim());
  return records.slice(1).map((r) => ({
    line: r.line,
    values: Object.fromEntries(header.map((name, i) => [name, (r.cells[i] ?? "").trim()])),
  }));
}

export interface RowError {
  line: number;
  field: string;
  /** What the server said, in its words; or, for what the page found itself, the kind of problem (below). */
  message: string;
  /** A problem the page found before sending: the dashboard says it in the person's language. */
  problem?: RowProblem;
}

export type RowProblem = "notNumber" | "notWholeNumber" | "notDateTime";

const optionalNumber = (value: string | undefined) => (value === undefined || value === "" ? null : Number(value));

/** A row of a sites file as the body of POST /api/sites. */
export function siteBody(row: Row): { body?: unknown; error?: RowError } {
  const v = row.values;
  const lon = Number(v.lon), lat = Number(v.lat);
  if (v.lon === "" || v.lat === "" || !Number.isFinite(lon) || !Number.isFinite(lat))
    return { error: { line: row.line, field: "lon/lat", message: "not a number", problem: "notNumber" } };
  const radius = optionalNumber(v.coverageRadiusM);
  if (radius !== null && !Number.isFinite(radius)) return { error: { line: row.line, field: "coverageRadiusM", message: "not a number", problem: "notNumber" } };
  return {
    body: {
      id: v.id, operator: v.operator, kind: v.kind, name: v.name || null,
      location: { type: "Point", coordinates: [lon, lat] },
      coverageRadiusM: radius, upstreamSiteId: v.upstreamSiteId || null,
    },
  };
}

/** A row of a reports file as one item of POST /api/reports. */
export function reportItem(row: Row): { item?: unknown; error?: RowError } {
  const v = row.values;
  const battery = optionalNumber(v.batteryMinutes);
  if (battery !== null && !Number.isInteger(battery)) return { error: { line: row.line, field: "batteryMinutes", message: "not a whole number", problem: "notWholeNumber" } };
  return {
    item: {
      siteId: v.siteId, health: v.health, power: v.power, batteryMinutes: battery,
      causes: v.causes ? v.causes.split(/[;|]/).map((c) => c.trim()).filter(Boolean) : [],
      at: v.at || null,
    },
  };
}

/** A row of a duty roster file (id, duty, person, phone, start, end) as one item of POST /api/organisations/{id}/shifts. */
export function shiftItem(row: Row): { item?: unknown; error?: RowError } {
  const v = row.values;
  for (const name of ["start", "end"])
    if (!v[name] || Number.isNaN(Date.parse(v[name]))) return { error: { line: row.line, field: name, message: "not a date and time (e.g. 2021-02-02T07:00:00+07:00)", problem: "notDateTime" } };
  return { item: { id: v.id, duty: v.duty, person: v.person, phone: v.phone, start: v.start, end: v.end } };
}
