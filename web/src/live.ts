// The live connection (SPEC §5, README "Live updates"): subscribe, buffer, load the snapshot, apply
// what is newer; after every reconnect do it all again. Reports its state for the indicator.

import * as signalR from "@microsoft/signalr";
import { get, token } from "./api";
import type { ChangeItem, Snapshot, SituationStore } from "./store";

export type LiveState = "connecting" | "live" | "reconnecting" | "offline";

export class LiveConnection {
  private connection: signalR.HubConnection | null = null;
  private stopped = false;
  /** Counts resyncs: a snapshot that arrives after a newer resync began would wind back what came since. */
  private generation = 0;
  state: LiveState = "connecting";
  onState: (state: LiveState) => void = () => {};

  constructor(private readonly store: SituationStore) {}

  async start(): Promise<void> {
    this.stopped = false;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/situation", { accessTokenFactory: () => token() })
      // Keep trying for as long as the page is open: a wall display must come back by itself.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(10_000, 500 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on("changes", (message: { items: ChangeItem[] }) => {
      this.store.applyChanges(message.items);
    });
    connection.onreconnecting(() => this.setState("reconnecting"));
    connection.onreconnected(() => void this.resync());
    connection.onclose(() => {
      this.setState("offline");
      if (!this.stopped) setTimeout(() => void this.restart(), 5_000);
    });
    this.connection = connection;
    await this.connectAndSync();
  }

  private async restart(): Promise<void> {
    if (this.stopped || !this.connection) return;
    try {
      await this.connectAndSync();
    } catch {
      this.setState("offline");
      setTimeout(() => void this.restart(), 5_000);
    }
  }

  private async connectAndSync(): Promise<void> {
    this.setState("connecting");
    this.store.beginLoad();
    await this.connection!.start();
    await this.resync(false);
  }

  /** Groups belong to a connection, and the snapshot brings back what was missed while away. */
  private async resync(buffer = true): Promise<void> {
    const generation = ++this.generation;
    if (buffer) this.store.beginLoad();
    await this.connection!.invoke("Subscribe", ["province"]);
    const snapshot = await get<Snapshot>("/api/situation");
    if (generation !== this.generation) return;
    this.store.applySnapshot(snapshot);
    this.setState("live");
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.connection?.stop();
  }

  private setState(state: LiveState): void {
    this.state = state;
    this.onState(state);
  }
}
