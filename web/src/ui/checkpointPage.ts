// The checkpoint officer's page (role `checkpoint`, README "Passes"): phone-sized. A pass's code is
// scanned with the camera or typed in and checked on the device — signature, revocation, window,
// checkpoint and zones — with the kit kept from the last time it was online, so it works without the
// network. Crossings are queued on the device and sent when it is online, each exactly once.

import jsQR from "jsqr";
import type { CheckpointKit, CrossingDirection } from "../../generated/contract";
import { currentLang, formatTime, onLangChange, setLang, t, word } from "../i18n";
import { keptKit, refreshKit } from "../passes/checkpointKit";
import { enqueue, flush, queued } from "../passes/crossingQueue";
import { verifyPass, type PassVerdict } from "../passes/passToken";
import type { Session } from "../session";
import { describeError, patch } from "../api";
import { h, replace, select } from "./dom";

export function showCheckpointPage(root: HTMLElement, session: Session, signOut: () => void): void {
  let kit: CheckpointKit | null = keptKit();
  let checkpointId = kit?.checkpoints[0]?.id ?? "";
  let verdict: PassVerdict | null = null;
  let notice = "";
  let scanning: MediaStream | null = null;

  const token = h("textarea", { id: "pass-token", rows: 4, spellcheck: false, autocomplete: "off", "aria-label": t("passToken") }) as HTMLTextAreaElement;
  const body = h("div", { class: "checkpoint-page" });
  replace(root, body);

  async function verify(): Promise<void> {
    const chosen = kit?.checkpoints.find((c) => c.id === checkpointId);
    if (!kit || !chosen) {
      verdict = null;
      notice = t("noKit");
      render();
      return;
    }
    const revoked = new Set(kit.revoked.map((r) => r.passId));
    verdict = await verifyPass(token.value, kit.keys, revoked, chosen.id, chosen.zones.map((z) => z.id), new Date());
    notice = "";
    render();
  }

  async function record(direction: CrossingDirection): Promise<void> {
    if (verdict?.result !== "valid" || !verdict.claims) return;
    enqueue(verdict.claims.p, checkpointId, direction);
    notice = t("crossingRecorded", { direction: word(direction) });
    render();
    await send();
  }

  async function send(): Promise<void> {
    if (!navigator.onLine) return;
    const { refused } = await flush();
    if (refused.length > 0) notice = t("crossingsRefused", { list: refused.join("; ") });
    render();
  }

  async function whenOnline(): Promise<void> {
    render();
    await takeKit();
    await send();
  }

  /** The kit again from the server (keys, revocations, the checkpoints and their zones); the kept one if it cannot be reached. */
  async function takeKit(): Promise<void> {
    const refreshed = await refreshKit();
    if (refreshed.kit) {
      kit = refreshed.kit;
      if (!kit.checkpoints.some((c) => c.id === checkpointId)) checkpointId = kit.checkpoints[0]?.id ?? "";
    }
  }

  /** A zone's name as the kit knows it (the zones the officer's checkpoints guard), else its id. */
  function zoneName(id: string): string {
    for (const checkpoint of kit?.checkpoints ?? [])
      for (const zone of checkpoint.zones) if (zone.id === id) return zone.name;
    return id;
  }

  async function scan(): Promise<void> {
    if (scanning) return stopScan();
    try {
      scanning = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch {
      notice = t("noCamera");
      render();
      return;
    }
    render();
    const video = body.querySelector("video")!;
    video.srcObject = scanning;
    await video.play();
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    const look = () => {
      if (!scanning) return;
      if (video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const code = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (code?.data) {
          token.value = code.data;
          stopScan();
          void verify();
          return;
        }
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }

  function stopScan(): void {
    scanning?.getTracks().forEach((track) => track.stop());
    scanning = null;
    render();
  }

  /** Clause 1.2: the officers say whether the checkpoint's free wifi works (online only: it is the server's to record). */
  async function reportWifi(wifi: "ok" | "down"): Promise<void> {
    try {
      await patch(`/api/checkpoints/${encodeURIComponent(checkpointId)}`, { wifi });
      notice = "";
      await whenOnline();
    } catch (e) {
      notice = describeError(e, t);
      render();
    }
  }

  function wifiView(): HTMLElement | null {
    const chosen = kit?.checkpoints.find((c) => c.id === checkpointId);
    if (!chosen) return null;
    const online = navigator.onLine;
    return h("div", { class: "wifi", "data-wifi": chosen.wifi },
      h("span", {}, t("checkpointWifi", { state: word(chosen.wifi) })),
      h("button", { type: "button", class: "wifi-ok", disabled: !online || chosen.wifi === "ok", onclick: () => void reportWifi("ok") }, t("wifiWorks")),
      h("button", { type: "button", class: "wifi-down", disabled: !online || chosen.wifi === "down", onclick: () => void reportWifi("down") }, t("wifiBroken")));
  }

  function verdictView(): HTMLElement | null {
    if (!verdict) return null;
    const claims = verdict.claims;
    const ok = verdict.result === "valid";
    return h("section", { class: `verdict ${ok ? "valid" : "refused"}`, "data-result": verdict.result, role: "status" },
      h("strong", {}, word(verdict.result)),
      claims && h("dl", {},
        h("dt", {}, t("passMembers")), h("dd", { class: "members" }, claims.m.join(", ")),
        h("dt", {}, t("passVehicle")), h("dd", {}, claims.v ?? "—"),
        h("dt", {}, t("passEnterprise")), h("dd", {}, claims.e),
        h("dt", {}, t("passZones")), h("dd", { class: "zones" }, claims.z.map(zoneName).join(", ")),
        h("dt", {}, t("passWindow")), h("dd", {}, `${formatTime(new Date(claims.nb * 1000))} – ${formatTime(new Date(claims.na * 1000))}`)),
      ok && h("div", { class: "crossing" },
        h("button", { type: "button", class: "cross-in", onclick: () => void record("in") }, t("crossIn")),
        h("button", { type: "button", class: "cross-out", onclick: () => void record("out") }, t("crossOut"))));
  }

  function render(): void {
    const waiting = queued().length;
    const online = navigator.onLine;
    replace(body,
      h("header", {},
        h("h1", {}, t("officerTitle")),
        h("span", { class: `device ${online ? "online" : "offline"}`, role: "status" }, online ? t("deviceOnline") : t("deviceOffline")),
        h("span", { class: "who" }, session.user.displayName ?? session.user.username),
        h("button", { type: "button", name: "language", onclick: () => setLang(currentLang() === "vi" ? "en" : "vi") }, t("language")),
        h("button", { type: "button", name: "sign-out", onclick: signOut }, t("signOut"))),
      kit && kit.checkpoints.length > 0
        ? h("label", {}, t("officerCheckpoint"), " ",
          select("checkpoint", kit.checkpoints.map((c) => [c.id, c.name]), checkpointId, { onchange: (e: Event) => { checkpointId = (e.target as HTMLSelectElement).value; verdict = null; render(); } }))
        : h("p", { class: "no-kit" }, t("noKit")),
      kit && h("p", { class: "kit-age" }, t("kitKept", { time: formatTime(kit.at) })),
      h("label", { class: "token" }, t("passTokenHint"), token),
      h("div", { class: "actions" },
        h("button", { type: "button", class: "verify", onclick: () => void verify() }, t("verifyPass")),
        h("button", { type: "button", class: "scan", onclick: () => void scan() }, scanning ? t("stopScan") : t("scanCode"))),
      scanning && h("video", { playsinline: true, muted: true }),
      verdictView(),
      wifiView(),
      h("p", { class: "queue", "data-count": waiting }, waiting > 0 ? t("queuedCrossings", { n: waiting }) : t("allSent")),
      notice && h("p", { class: "notice" }, notice));
  }

  // A pass revoked while the page stays open must be refused here too: the kit is taken again every
  // minute while online (not shown while the camera scans, which a new page would interrupt).
  setInterval(() => {
    if (navigator.onLine) void takeKit().then(() => { if (!scanning) render(); });
  }, 60_000);
  window.addEventListener("online", () => void whenOnline());
  window.addEventListener("offline", render);
  onLangChange(render);
  render();
  void whenOnline();
}
