// What a version of an entity changed: the fields whose values differ between the state before and
// after it, as the audit trail keeps them (README "Data flow", step 3). Bookkeeping fields that every
// version moves (its number, when and by whom, the last report's time) are left out.

const BOOKKEEPING = new Set(["version", "updatedAt", "updatedBy", "lastReportAt"]);

export interface FieldChange {
  name: string;
  was: unknown;
  now: unknown;
}

/** The fields a version changed, in the order the state after it lists them; none for a first version. */
export function changedFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): FieldChange[] {
  if (!before || !after) return [];
  const names = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return names
    .filter((name) => !BOOKKEEPING.has(name) && JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null))
    .map((name) => ({ name, was: before[name] ?? null, now: after[name] ?? null }));
}
