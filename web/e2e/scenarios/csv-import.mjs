// An operator imports a CSV of reports with one bad row: the progress bar completes, the good rows
// are applied, and the bad row is reported with its line and field.
import { check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const { page, errors } = await openPage(browser, baseUrl);
  await signIn(page, "operator-mobifone", password);
  const sites = await page.evaluate(() => window.__situation.store.all("site")
    .filter((s) => s.operator === "mobifone" && s.kind === "bts" && s.districtId === "623").slice(0, 3).map((s) => s.id));
  check(sites.length === 3, "three mobifone base stations in 623");
  const csv = [
    "siteId,health,power,batteryMinutes,causes",
    `${sites[0]},degraded,generator,,transport`,
    `${sites[1]},sideways,grid,,`,
    `${sites[2]},down,battery,15,power;damage`,
  ].join("\n");
  await page.selectOption("select[name=import-kind]", "reports");
  await page.setInputFiles("input[name=csv]", { name: "reports.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });

  await page.waitForSelector(".import-result");
  const result = await page.locator(".import-result").innerText();
  check(result === "Đã nhập 2/3 dòng", `the result says 2 of 3: ${result}`);
  const progress = await page.locator("progress").evaluate((p) => [p.value, p.max]);
  check(progress[0] === 3 && progress[1] === 3, `the progress bar is full: ${progress}`);
  const rows = await page.locator(".row-errors tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.dataset.line, tr.innerText]));
  check(rows.length === 1 && rows[0][0] === "3" && rows[0][1].includes("health"), `one row error, line 3, on health: ${JSON.stringify(rows)}`);
  await page.waitForFunction((ids) => window.__situation.store.get("site", ids[0]).health === "degraded"
    && window.__situation.store.get("site", ids[2]).health === "down", sites);
  await screenshot(page, artifacts, "csv-import");
  check(errors.length === 0, errors.join("\n"));
  return { sites };
}
