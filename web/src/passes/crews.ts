// How a crew made on the dashboard is named: its id from its name, its new members' ids after the
// ones it has (members keep their ids, so their health declarations stay with them).

/** The next member id not yet used in a crew: m1, m2, … */
export function nextMemberId(taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`m${n}`)) n++;
  return `m${n}`;
}

/** A crew id from its name, for a new crew: lowercase ASCII letters and digits joined by dashes. */
export function crewIdFrom(name: string): string {
  const slug = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `crew-${slug || "new"}`.slice(0, 40);
}
