// The time slider (README "History"): a period ending now, a position in it, play and pause at a
// speed, and back to live; and the banner over the map that says which moment it shows.

import { currentLang, formatTime, t } from "../i18n";
import { momentOf, positionOf, SPEEDS, type ReplayState } from "../replay";
import { h, replace } from "./dom";

/** The periods the slider spans, in seconds: a position is a second, so a moment is reached to the second by keys. */
const PERIODS: Array<[seconds: number, label: "replayHours24" | "replayDays7" | "replayDays30"]> =
  [[24 * 3600, "replayHours24"], [7 * 24 * 3600, "replayDays7"], [30 * 24 * 3600, "replayDays30"]];

export class TimeSlider {
  readonly element = h("section", { class: "panel replay", "aria-labelledby": "replay-title" });
  /** Over the map while a past moment is shown; a screen reader hears which one. */
  readonly banner = h("div", { class: "replay-banner", role: "status", hidden: true });

  private period = PERIODS[0][0];
  // Built once and updated in place: rebuilt, the slider would slip from under a dragging hand.
  private readonly title = h("h2", { id: "replay-title" });
  private readonly periodSelect = h("select", { name: "replay-period" });
  private readonly slider = h("input", { type: "range", name: "replay-at", min: 0, step: 1 });
  private readonly moment = h("output", { name: "replay-moment" });
  private readonly playButton = h("button", { type: "button", name: "replay-play" });
  private readonly speedSelect = h("select", { name: "replay-speed" });
  private readonly liveButton = h("button", { type: "button", name: "replay-live", class: "primary" });
  private readonly labels = { period: h("span"), moment: h("span"), speed: h("span") };
  /** The language the words were last put in: the lists are rebuilt only when it changes (an open list stays open). */
  private wordsIn: string | null = null;

  constructor(private readonly replay: ReplayState) {
    this.periodSelect.addEventListener("change", () => {
      this.period = Number(this.periodSelect.value);
      this.render();
    });
    // Dragging shows the moment under the hand; letting go shows its picture.
    this.slider.addEventListener("input", () => {
      this.moment.textContent = formatTime(new Date(momentOf(Number(this.slider.value), this.period, Date.now())));
    });
    this.slider.addEventListener("change", () => void this.replay.show(momentOf(Number(this.slider.value), this.period, Date.now())));
    this.playButton.addEventListener("click", () => {
      if (this.replay.playing) this.replay.pause();
      else if (this.replay.replaying) this.replay.play();
      else void this.replay.show(momentOf(0, this.period, Date.now())).then(() => this.replay.play());
    });
    this.speedSelect.addEventListener("change", () => { this.replay.speed = Number(this.speedSelect.value); });
    this.liveButton.addEventListener("click", () => void this.replay.backToLive());
    this.element.append(this.title,
      h("label", {}, this.labels.period, " ", this.periodSelect),
      h("label", { class: "replay-slider" }, this.labels.moment, " ", this.slider, " ", this.moment),
      h("div", { class: "replay-controls" }, this.playButton, h("label", {}, this.labels.speed, " ", this.speedSelect), this.liveButton));
    this.render();
  }

  render(): void {
    const replay = this.replay;
    const now = Date.now();
    if (this.wordsIn !== currentLang()) {
      this.wordsIn = currentLang();
      this.title.textContent = t("replay");
      this.labels.period.textContent = t("replayPeriod");
      this.labels.moment.textContent = t("replayMoment");
      this.labels.speed.textContent = t("replaySpeed");
      replace(this.periodSelect, ...PERIODS.map(([seconds, label]) => h("option", { value: seconds, selected: seconds === this.period }, t(label))));
      replace(this.speedSelect, ...SPEEDS.map((speed) => h("option", { value: speed, selected: speed === replay.speed }, `×${speed}`)));
    }
    this.slider.max = String(this.period);
    if (document.activeElement !== this.slider || replay.playing)
      this.slider.value = String(replay.at === null ? this.period : positionOf(replay.at, this.period, now));
    this.moment.textContent = replay.at === null ? t("live") : formatTime(new Date(replay.at));
    this.playButton.textContent = replay.playing ? t("replayPause") : t("replayPlay");
    this.liveButton.textContent = t("replayBackToLive");
    this.liveButton.disabled = !replay.replaying;

    this.banner.hidden = !replay.replaying;
    document.body.classList.toggle("replaying", replay.replaying);
    if (replay.at === null) {
      replace(this.banner);
      delete this.banner.dataset.shown;
      return;
    }
    // What the map shows, and, while the next picture is on its way, which one that is.
    const shown = replay.shown === null ? null : new Date(replay.shown).toISOString();
    if (shown) this.banner.dataset.shown = shown;
    else delete this.banner.dataset.shown;
    replace(this.banner,
      h("strong", {}, shown ? t("replaying", { time: formatTime(shown) }) : t("replayLoading", { time: formatTime(new Date(replay.at)) })),
      replay.error ? h("span", { class: "message" }, ` ${replay.error}`) : null,
      " ",
      h("button", { type: "button", name: "replay-banner-live", onclick: () => void replay.backToLive() }, t("replayBackToLive")));
  }
}
