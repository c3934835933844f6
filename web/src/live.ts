// The live connection (README "Live updates"): subscribe, buffer, load the snapshot, apply
// what is newer; after every reconnect do it all again. Follows every stream's message numbers: a gap
// (in a message or a heartbeat) is fetched from /api/changes, or the picture reloaded when that is
// gone. Silence longer than three heartbeats is "stale" — never "live" while behind — and starts over.
// Reports its state and when it last heard the server, for the indicator.

import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";
import { ApiError, get, token } from "./api";
import type { ChangeItem, Snapshot, SituationStore } from "./store";
import type { ChangeBatch, Heartbeat } from "../generated/contract";

export type LiveState = "connecting" | "live" | "reconnecting" | "stale" | "offline";

const SCOPE = "province";

/** A `changes` message: its items typed by their entity type. */
interface ChangesMessage extends Omit<ChangeBatch, "items"> { items: ChangeItem[] }
type HeartbeatMessage = Heartbeat;
interface CaughtUp { last: number; items: ChangeItem[] }

export class LiveConnection {
  private connection: signalR.HubConnection | null = null;
  private stopped = false;
  /** Counts resyncs: a snapshot that arrives after a newer resync began would wind back what came since. */
  private generation = 0;
  /** The last message number held of each publisher's stream, on this connection. */
  private positions = new Map<string, number>();
  /** Whether the starting heartbeat of this connection has come. */
  private started = false;
  private silenceBoundMs = 15_000;
  private watch: ReturnType<typeof setInterval> | null = null;
  /** When the server was last heard (a message or a heartbeat): the age of what the map shows. */
  lastHeardAt: Date | null = null;
  state: LiveState = "connecting";
  onState: (state: LiveState) => void = () => {};
  /**
   * While the map shows a past moment (README "History"), live changes are not applied: the
   * connection still follows its streams, and going back to live loads the picture afresh.
   */
  private paused = false;

  constructor(private readonly store: SituationStore) {}

  async start(): Promise<void> {
    this.stopped = false;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/situation", { accessTokenFactory: () => token() })
      // Keep trying for as long as the page is open: a wall display must come back by itself.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(10_000, 500 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
      // The same messages as JSON, in fewer bytes and less decoding on a phone (README, Live updates).
      .withHubProtocol(new MessagePackHubProtocol())
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on("changes", (message: ChangesMessage) => this.onChanges(message));
    connection.on("heartbeat", (message: HeartbeatMessage) => this.onHeartbeat(message));
    connection.onreconnecting(() => this.setState("reconnecting"));
    connection.onreconnected(() => void this.resync());
    connection.onclose(() => {
      if (this.stopped) return;
      if (this.state !== "stale") this.setState("offline");
      setTimeout(() => void this.restart(), this.state === "stale" ? 0 : 5_000);
    });
    this.connection = connection;
    this.watch ??= setInterval(() => this.checkSilence(), 1_000);
    await this.connectAndSync();
  }

  private async restart(): Promise<void> {
    if (this.stopped || !this.connection) return;
    try {
      await this.connectAndSync();
    } catch {
      if (this.state !== "stale") this.setState("offline");
      setTimeout(() => void this.restart(), 5_000);
    }
  }

  private async connectAndSync(): Promise<void> {
    if (this.state !== "stale") this.setState("connecting");
    if (!this.paused) this.store.beginLoad();
    this.heard();
    await this.connection!.start();
    await this.resync(false);
  }

  /** Groups belong to a connection, and the snapshot brings back what was missed while away. */
  private async resync(buffer = true): Promise<void> {
    const generation = ++this.generation;
    if (buffer && !this.paused) this.store.beginLoad();
    this.positions.clear();
    this.started = false;
    await this.connection!.invoke("Subscribe", [SCOPE]);
    const snapshot = await get<Snapshot>("/api/situation");
    if (generation !== this.generation) return;
    // A reconnect while a past moment is shown keeps the connection live, not the picture.
    if (!this.paused) this.store.applySnapshot(snapshot);
    this.heard();
    this.setState("live");
  }

  /** Stops applying live changes: the store holds a replayed picture. */
  pause(): void {
    this.paused = true;
  }

  /** Applies live changes again, from a fresh snapshot (what changed while paused included). */
  async resume(): Promise<void> {
    if (!this.paused) return;
    this.paused = false;
    if (this.connection && !this.stopped && this.state === "live") await this.resync();
  }

  private onChanges(message: ChangesMessage): void {
    this.heard();
    if (!this.paused) this.store.applyChanges(message.items);
    const last = this.positions.get(message.publisher);
    // Before the starting heartbeat a message only moves the position; after it, a number past the
    // next one (or a new publisher's that is not its first) is a gap.
    if (this.started && message.seq > (last ?? 0) + 1) void this.catchUp(message.publisher, last ?? 0);
    if (last === undefined || message.seq > last) this.positions.set(message.publisher, message.seq);
  }

  private onHeartbeat(message: HeartbeatMessage): void {
    this.heard();
    this.silenceBoundMs = 3 * message.everyMs;
    const starting = !this.started;
    this.started = true;
    for (const [publisher, now] of Object.entries(message.positions)) {
      const last = this.positions.get(publisher);
      if (!starting && now > (last ?? 0)) void this.catchUp(publisher, last ?? 0);
      if (last === undefined || now > last) this.positions.set(publisher, now);
    }
  }

  /** Fetches what a stream sent after `since`; reloads the whole picture when that is no longer kept. */
  private async catchUp(publisher: string, since: number): Promise<void> {
    const generation = this.generation;
    try {
      const caught = await get<CaughtUp>(`/api/changes?scope=${SCOPE}&publisher=${publisher}&since=${since}`);
      if (generation === this.generation && !this.paused) this.store.applyChanges(caught.items);
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ApiError && error.status === 410) await this.resync();
      else await this.goStale();
    }
  }

  private checkSilence(): void {
    if (this.stopped || this.state !== "live" || !this.lastHeardAt) return;
    if (Date.now() - this.lastHeardAt.getTime() > this.silenceBoundMs) void this.goStale();
  }

  /** The connection is open but nothing comes: say so, and start over on a new one. */
  private async goStale(): Promise<void> {
    if (this.stopped || this.state === "stale") return;
    this.setState("stale");
    // Its close (onclose) starts the new connection at once, and only a resync ends "stale".
    await this.connection?.stop();
  }

  private heard(): void {
    this.lastHeardAt = new Date();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
    await this.connection?.stop();
  }

  private setState(state: LiveState): void {
    this.state = state;
    this.onState(state);
  }
}
