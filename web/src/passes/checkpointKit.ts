// What a checkpoint officer's device keeps to check passes offline (README "Passes"): its
// checkpoints with the zones they guard, the verification keys and the revoked passes. Fetched
// whenever the device is online and kept in localStorage, so that a page loaded once still checks
// passes after the network goes.

import { get } from "../api";
import type { CheckpointKit } from "../../generated/contract";

const KEY = "situation.checkpoint-kit";

export function keptKit(): CheckpointKit | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as CheckpointKit;
  } catch {
    return null;
  }
}

/** The kit from the server, kept for later; the kept one when the server cannot be reached. */
export async function refreshKit(): Promise<{ kit: CheckpointKit | null; fresh: boolean }> {
  try {
    const kit = await get<CheckpointKit>("/api/passes/checkpoint-kit");
    localStorage.setItem(KEY, JSON.stringify(kit));
    return { kit, fresh: true };
  } catch {
    return { kit: keptKit(), fresh: false };
  }
}
