// Crossings recorded at a checkpoint, queued on the device until the server has them. Each has its
// own id (made on the device), so sending one again after a lost answer is kept once by the server:
// a crossing leaves the queue only when the server answered for it.

import { ApiError, post } from "../api";
import type { CrossingDirection } from "../../generated/contract";

export interface QueuedCrossing {
  id: string;
  passId: string;
  checkpointId: string;
  direction: CrossingDirection;
  at: string;
}

const KEY = "situation.crossing-queue";

export function queued(): QueuedCrossing[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as QueuedCrossing[];
  } catch {
    return [];
  }
}

function keep(crossings: QueuedCrossing[]): void {
  localStorage.setItem(KEY, JSON.stringify(crossings));
}

export function enqueue(passId: string, checkpointId: string, direction: CrossingDirection, at = new Date()): QueuedCrossing {
  const crossing = { id: crypto.randomUUID(), passId, checkpointId, direction, at: at.toISOString() };
  keep([...queued(), crossing]);
  return crossing;
}

let flushing: Promise<{ sent: number; refused: string[] }> | null = null;

/**
 * Sends what is queued, oldest first, one at a time (a second flush waits for the first). Stops at
 * the first that cannot reach the server; a crossing the server refuses (4xx) leaves the queue with
 * its reason, since sending it again would be refused again.
 */
export function flush(): Promise<{ sent: number; refused: string[] }> {
  flushing ??= (async () => {
    let sent = 0;
    const refused: string[] = [];
    for (const crossing of queued()) {
      try {
        await post(`/api/passes/${encodeURIComponent(crossing.passId)}/crossings`, {
          id: crossing.id, checkpointId: crossing.checkpointId, direction: crossing.direction, at: crossing.at,
        });
        sent++;
      } catch (error) {
        const final = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 408 && error.status !== 429;
        if (!final) break;
        refused.push(`${crossing.passId}: ${error.message}`);
      }
      keep(queued().filter((c) => c.id !== crossing.id));
    }
    return { sent, refused };
  })().finally(() => (flushing = null));
  return flushing;
}
