// Replay (README "History"): the map shows a past moment, the picture GET /api/situation?at= rebuilds,
// while the live connection is paused; playing moves the moment on at a chosen speed, stopping at
// the present; back to live loads the live picture afresh.

import { get } from "./api";
import type { Snapshot, SituationStore } from "./store";

/** How many seconds of the past one second of playing shows. */
export const SPEEDS = [60, 600, 3600] as const;

/** The moment playing reaches after `elapsedMs` of real time at `speed`, never past `now`. */
export function advance(at: number, speed: number, elapsedMs: number, now: number): number {
  return Math.min(now, at + speed * elapsedMs);
}

/** The moment a slider position stands for: `seconds` into a period of `periodSeconds` that ends now. */
export function momentOf(seconds: number, periodSeconds: number, now: number): number {
  return now - (periodSeconds - seconds) * 1_000;
}

/** The slider position of a moment, within the period that ends now. */
export function positionOf(at: number, periodSeconds: number, now: number): number {
  return Math.min(periodSeconds, Math.max(0, periodSeconds - Math.round((now - at) / 1_000)));
}

/** What replay needs of the live connection. */
export interface Pausable {
  pause(): void;
  resume(): Promise<void>;
}

/** A moment is never asked for later than this before now: the server refuses the future, and clocks differ. */
const PRESENT_MARGIN_MS = 2_000;

export class ReplayState {
  /** The moment asked for; null while live. */
  at: number | null = null;
  /** The moment the map shows, once its picture has arrived. */
  shown: number | null = null;
  playing = false;
  speed: number = 600;
  error: string | null = null;
  onChange: () => void = () => {};

  private requested = 0;
  private inFlight = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastTick = 0;

  constructor(
    private readonly store: SituationStore,
    private readonly live: Pausable,
    private readonly fetchPicture: (at: Date) => Promise<Snapshot> = (at) => get<Snapshot>(`/api/situation?at=${encodeURIComponent(at.toISOString())}`),
    private readonly now: () => number = () => Date.now(),
  ) {}

  get replaying(): boolean {
    return this.at !== null;
  }

  /** Shows the moment: pauses the live changes, fetches its picture, and puts it in the store. */
  async show(at: number): Promise<void> {
    this.live.pause();
    const moment = Math.min(at, this.now() - PRESENT_MARGIN_MS);
    this.at = moment;
    this.error = null;
    const request = ++this.requested;
    this.inFlight = true;
    this.onChange();
    try {
      const picture = await this.fetchPicture(new Date(moment));
      // A newer moment asked for meanwhile, or back to live: this picture is not wanted any more.
      if (request !== this.requested) return;
      this.store.applySnapshot(picture);
      this.shown = moment;
    } catch (error) {
      if (request === this.requested) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (request === this.requested) this.inFlight = false;
    }
    this.onChange();
  }

  /** Moves the moment on, a frame a second, until the present. */
  play(): void {
    if (this.playing) return;
    if (this.at === null) return;
    this.playing = true;
    this.lastTick = this.now();
    this.timer = setInterval(() => this.tick(), 1_000);
    this.onChange();
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playing = false;
    this.onChange();
  }

  private tick(): void {
    const now = this.now();
    const elapsed = now - this.lastTick;
    // A frame still on its way holds the next one back: the moment moves no faster than pictures come.
    if (this.inFlight || this.at === null) return;
    this.lastTick = now;
    const next = advance(this.at, this.speed, elapsed, now - PRESENT_MARGIN_MS);
    if (next >= now - PRESENT_MARGIN_MS) this.pause();
    void this.show(next);
  }

  async backToLive(): Promise<void> {
    this.pause();
    this.requested++;
    this.at = null;
    this.shown = null;
    this.inFlight = false;
    this.error = null;
    this.onChange();
    await this.live.resume();
  }
}
