// A leader opens an incident from a flag with one click: a checkpoint without wifi whose district
// named no provider, so the leader picks the enterprise. The incident appears in the leader's list
// and on the map; viettel's operator sees it live on its own page and acknowledges it, and the
// leader's page follows without a reload, with viettel in the 24-hour summary.
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const admin = await apiAs(baseUrl, "admin", password);
  const flag = (await admin("GET", "/api/flags?kind=checkpoint_no_wifi"))
    .find((f) => !f.related.some((r) => r.startsWith("operator:")) && !f.id.includes("e2e"));
  check(flag, "an open checkpoint_no_wifi flag whose checkpoint has no provider");

  const leader = await openPage(browser, baseUrl);
  await signIn(leader.page, "leader", password);
  const operator = await openPage(browser, baseUrl, { width: 1280, height: 900 });
  await signIn(operator.page, "operator-viettel", password);

  await leader.page.selectOption("select[name=flag-kind]", "checkpoint_no_wifi");
  const item = leader.page.locator(`li[data-flag="${flag.id}"]`);
  await item.locator("select[name=incident-enterprise]").selectOption("viettel");
  await item.locator("button.open-incident").click();
  await item.locator(".incident-state").waitFor();
  const incidentId = await item.locator(".incident-state").getAttribute("data-incident");
  const listed = leader.page.locator(`.incidents li[data-incident="${incidentId}"]`);
  await listed.waitFor();
  check(await listed.getAttribute("data-state") === "open", "the leader's list shows it open");
  await leader.page.waitForFunction((id) => window.__situation.map.querySourceFeatures("incidents").some((f) => f.properties.id === id), incidentId, { timeout: 15_000 });
  await screenshot(leader.page, artifacts, "incident-opened-from-flag");

  // The enterprise that must act sees it live and takes the next step; leaders cannot.
  check(await listed.locator("button[data-step]").count() === 0, "a leader has no step buttons");
  const own = operator.page.locator(`.incidents li[data-incident="${incidentId}"]`);
  await own.waitFor({ timeout: 15_000 });
  await own.locator('button[data-step="acknowledged"]').click();
  await operator.page.locator(`.incidents li[data-incident="${incidentId}"][data-state="acknowledged"]`).waitFor();
  await leader.page.locator(`.incidents li[data-incident="${incidentId}"][data-state="acknowledged"]`).waitFor({ timeout: 15_000 });
  await leader.page.locator('.incident-summary tr[data-enterprise="viettel"]').waitFor({ timeout: 15_000 });
  const navigations = await leader.page.evaluate(() => performance.getEntriesByType("navigation").length);
  check(navigations === 1, "the leader's page was not reloaded");
  await screenshot(leader.page, artifacts, "incident-acknowledged-live");
  await screenshot(operator.page, artifacts, "incident-operator-page");
  for (const { errors } of [leader, operator]) check(errors.length === 0, `no errors: ${errors.join("; ")}`);
  return { incident: incidentId };
}
