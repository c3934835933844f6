// A leader drags the time slider back to before a zone was declared and sees the map without it,
// plays forward and sees it appear, then returns to live, where the next change arrives as it happens.
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const { page, errors } = await openPage(browser, baseUrl);
  await signIn(page, "leader", password);
  // The moment shown must be after the province was loaded (on a fresh server, seconds ago), or an
  // empty map would lack the zone for the wrong reason.
  const loaded = await page.evaluate(() => Math.max(...window.__situation.store.all("district").map((d) => new Date(d.updatedAt).getTime())));
  await page.waitForFunction((loaded) => Date.now() > loaded + 8_000, loaded, { timeout: 15_000 });

  const district = await apiAs(baseUrl, "district-639", password);
  const zone = `zone-replay-${Date.now().toString(36)}`;
  const declared = await district("POST", "/api/zones", {
    type: "Feature", id: zone,
    geometry: { type: "Polygon", coordinates: [[[108.05, 13.49], [108.08, 13.49], [108.08, 13.52], [108.05, 13.52], [108.05, 13.49]]] },
    properties: { districtId: "639", name: "Thôn Plei Bông (xem lại)" },
  });
  check(declared.status === "active", `the zone is declared: ${JSON.stringify(declared.status)}`);
  await page.waitForFunction((id) => window.__situation.map.querySourceFeatures("zones").some((f) => f.properties.id === id), zone, { timeout: 15_000 });

  // Back to four seconds before the zone: the slider's last position is now, a position a second.
  const slider = page.locator("input[name=replay-at]");
  const end = Number(await slider.getAttribute("max"));
  const target = new Date(declared.since).getTime() - 4_000;
  await slider.fill(String(end - Math.round((await page.evaluate(() => Date.now()) - target) / 1_000)));
  const banner = page.locator(".replay-banner[data-shown]");
  await banner.waitFor({ timeout: 15_000 });
  check((await banner.innerText()).includes("Đang xem lại"), `the banner says the map is replaying: ${await banner.innerText()}`);
  const shown = new Date(await banner.getAttribute("data-shown"));
  check(shown < new Date(declared.since) && shown.getTime() > loaded, `the moment shown (${shown.toISOString()}) is before the zone (${declared.since}) and after the province was loaded`);
  await page.waitForFunction((id) => window.__situation.store.get("zone", id) === undefined, zone);
  await page.waitForFunction((id) => !window.__situation.map.querySourceFeatures("zones").some((f) => f.properties.id === id), zone, { timeout: 15_000 });
  const past = await page.evaluate(() => ({ districts: window.__situation.store.count("district"), sites: window.__situation.store.count("site"), drawn: window.__situation.map.querySourceFeatures("districts").length }));
  check(past.districts === 17 && past.sites > 0 && past.drawn > 0, `the past map shows the province: ${JSON.stringify(past)}`);
  check(await page.locator("body.replaying").count() === 1, "the map is framed as a replay");
  await screenshot(page, artifacts, "replay-before-zone");

  // Forward at ten minutes a second: it reaches the present, the zone appears, and it stops there.
  // Playing stops two seconds short of the browser's clock (the server refuses moments to come), so
  // that present must be past the declaration first.
  await page.waitForFunction((since) => Date.now() > new Date(since).getTime() + 3_000, declared.since, { timeout: 10_000 });
  await page.locator("select[name=replay-speed]").selectOption("600");
  await page.locator("button[name=replay-play]").click();
  await page.waitForFunction((id) => window.__situation.map.querySourceFeatures("zones").some((f) => f.properties.id === id), zone, { timeout: 15_000 });
  check(await page.evaluate(() => window.__situation.replaying !== null), "it is still a replay when the zone appears");
  await screenshot(page, artifacts, "replay-zone-appears");

  // Back to live: the banner goes, and the next change comes live.
  await page.locator("button[name=replay-live]").click();
  await page.locator(".replay-banner").waitFor({ state: "hidden" });
  await page.waitForFunction(() => window.__situation.replaying === null && window.__situation.live === "live");
  const lifted = await district("POST", `/api/zones/${zone}/lift`);
  await page.waitForFunction(({ id, version }) => window.__situation.store.version("zone", id) >= version, { id: zone, version: lifted.version }, { timeout: 15_000 });
  check(await page.locator("body.replaying").count() === 0, "the replay frame is gone");
  const navigations = await page.evaluate(() => performance.getEntriesByType("navigation").length);
  check(navigations === 1, "the page was not reloaded");
  await screenshot(page, artifacts, "replay-back-to-live");

  // The district's history: its sites' availability over the last day, a bar an hour.
  await page.evaluate(() => window.__situation.select({ type: "district", id: "639" }));
  const chart = page.locator('.details figure.availability[data-district="639"]');
  await chart.waitFor({ timeout: 30_000 });
  check(await chart.getAttribute("data-parts") === "24", "a bar for each hour of the day");
  check(await chart.locator("rect[data-share]").count() === 24, "24 bars drawn");
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, artifacts, "replay-district-availability");
  check(errors.length === 0, errors.join("\n"));
  return { zone, shown: shown.toISOString() };
}
