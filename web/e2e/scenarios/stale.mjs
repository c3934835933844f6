// A dashboard whose connection stays open but goes silent says so: it turns "stale" (symbol and
// word) instead of going on showing "live", and once the server is heard again it catches up and
// is live with what changed meanwhile. The silence is made in the browser: every frame the server
// sends on the hub's WebSocket is held back while the test says so.
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const { page } = await openPage(browser, baseUrl);
  let silent = false;
  await page.routeWebSocket(/\/hubs\/situation/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (!silent) ws.send(message);
    });
  });
  await signIn(page, "leader", password);
  await page.waitForSelector(".status[data-state=live]");
  check(/cập nhật \d+ giây trước/.test(await page.textContent(".age")), "the age of the data is shown");

  silent = true;
  const site = await page.evaluate(() => window.__situation.store.all("site").find((s) => s.kind === "bts" && s.operator === "vnpt").id);
  const vnpt = await apiAs(baseUrl, "operator-vnpt", password);
  const answer = await vnpt("POST", `/api/sites/${site}/reports`, { health: "down", power: "grid" });

  // Three heartbeats (5 s each) of silence, then "stale" in symbol and word.
  await page.waitForSelector(".status[data-state=stale]", { timeout: 30_000 });
  const status = await page.textContent(".status");
  check(status.includes("⚠") && status.includes("Dữ liệu cũ"), `the status says stale: ${status}`);
  check(await page.evaluate(({ id, version }) => window.__situation.store.version("site", id) < version, { id: site, version: answer.version }),
    "the change made during the silence was not heard");
  await screenshot(page, artifacts, "stale");

  silent = false;
  await page.waitForSelector(".status[data-state=live]", { timeout: 60_000 });
  await page.waitForFunction(({ id, version }) => window.__situation.store.version("site", id) >= version, { id: site, version: answer.version });
  await screenshot(page, artifacts, "stale-then-live");
  return { site, version: answer.version };
}
