// A site changes state on the map, without a reload, after its operator reports through the API.
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

const rendered = (page, id) => page.evaluate((id) => {
  const hit = window.__situation.map.queryRenderedFeatures({ layers: ["site-symbol"] }).find((f) => f.properties.id === id);
  return hit ? hit.properties.h : null;
}, id);

export async function run({ browser, baseUrl, password, artifacts }) {
  const { page, errors } = await openPage(browser, baseUrl);
  await signIn(page, "leader", password);
  const site = await page.evaluate(() => window.__situation.store.all("site")
    .find((s) => s.kind === "bts" && s.operator === "viettel" && s.districtId === "639" && s.effectiveHealth === "up").id);
  await page.evaluate((id) => window.__situation.select({ type: "site", id }), site);
  await page.waitForFunction((id) => window.__situation.map.queryRenderedFeatures({ layers: ["site-symbol"] }).some((f) => f.properties.id === id), site);
  check(await rendered(page, site) === "up", `${site} is drawn as up first`);
  await screenshot(page, artifacts, "live-site-before");

  const viettel = await apiAs(baseUrl, "operator-viettel", password);
  const answer = await viettel("POST", `/api/sites/${site}/reports`, { health: "down", power: "battery", batteryMinutes: 20, causes: ["power"] });

  await page.waitForFunction(({ id, version }) => window.__situation.store.version("site", id) >= version, { id: site, version: answer.version });
  await page.waitForFunction((id) => window.__situation.map.queryRenderedFeatures({ layers: ["site-symbol"] })
    .some((f) => f.properties.id === id && f.properties.h === "down"), site, { timeout: 15_000 });
  await page.waitForSelector(`dd[data-field=effectiveHealth]:has-text("Mất")`);
  const navigations = await page.evaluate(() => performance.getEntriesByType("navigation").length);
  check(navigations === 1, "the page was not reloaded");
  await screenshot(page, artifacts, "live-site-after");
  check(errors.length === 0, errors.join("\n"));
  return { site, version: answer.version };
}
