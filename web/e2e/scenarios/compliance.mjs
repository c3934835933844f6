// The DIC's administrator opens the compliance board "as of" 03/02/2021 10:00, after letter 126's
// deadline: the military command's missing contact point is overdue, in red. The military command
// names its contact point from its own page, and the cell turns green on the administrator's page,
// live, without a reload.
import { check, openPage, screenshot, signIn } from "../browser.mjs";

const OBLIGATION = "126-stttt-bcvt.1.3.military";
const cell = (status) => `td.cell[data-obligation="${OBLIGATION}"][data-status="${status}"]`;

export async function run({ browser, baseUrl, password, artifacts }) {
  const admin = await openPage(browser, baseUrl);
  await signIn(admin.page, "admin", password);
  await admin.page.waitForSelector(cell("overdue"), { timeout: 30_000 });
  const red = await admin.page.$eval(cell("overdue"), (td) => getComputedStyle(td).backgroundColor);
  check(red === "rgb(198, 40, 40)", `the overdue cell is red: ${red}`);
  const title = await admin.page.innerText("#compliance-title");
  check(/quá hạn/.test(title), `the board counts what is overdue: ${title}`);
  await screenshot(admin.page, artifacts, "compliance-board-overdue");
  // The directives' flags say whose obligation it is, in words, among the map's.
  const missedDay = admin.page.locator('li[data-flag="obligation_overdue.obligation.126-stttt-bcvt.3.2c.viettelpost"]');
  await missedDay.waitFor();
  const said = await missedDay.innerText();
  check(said.includes("Viettel Post Gia Lai") && said.includes("Khai báo y tế"), `the flag names the enterprise and what it owes: ${said}`);

  const military = await openPage(browser, baseUrl, { width: 420, height: 900 });
  await signIn(military.page, "military", password);
  await military.page.waitForSelector(`.own-obligations li[data-obligation="${OBLIGATION}"][data-status="overdue"]`);
  await military.page.fill("input[name=contact-name]", "Đại tá Nguyễn Văn Thử");
  await military.page.fill("input[name=contact-position]", "Tham mưu trưởng");
  await military.page.fill("input[name=contact-phone]", "0000 000 321");
  await military.page.click("button[name=send-contact-point]");
  await military.page.waitForSelector(`.own-obligations li[data-obligation="${OBLIGATION}"][data-status="met"]`);
  await screenshot(military.page, artifacts, "compliance-own-obligations");

  await admin.page.waitForSelector(cell("met"), { timeout: 15_000 });
  const green = await admin.page.$eval(cell("met"), (td) => getComputedStyle(td).backgroundColor);
  check(green === "rgb(46, 125, 50)", `the met cell is green: ${green}`);
  const navigations = await admin.page.evaluate(() => performance.getEntriesByType("navigation").length);
  check(navigations === 1, "the administrator's page was not reloaded");
  await admin.page.click(`${cell("met")} button.cell-open`);
  // The cell's history: the contact point's change, by whom.
  await admin.page.waitForSelector('.obligation-detail ul.history li:has-text("set-contact-point")');
  const detail = await admin.page.innerText(".obligation-detail");
  check(detail.includes("0000 000 321") && detail.includes("military"), `the cell opens its evidence and history: ${detail}`);
  await screenshot(admin.page, artifacts, "compliance-board-met");

  // Who to call about a Viettel site: who is on its emergency-response duty now, a number to dial.
  const site = await admin.page.evaluate(() => window.__situation.store.all("site").find((s) => s.operator === "viettel").id);
  await admin.page.evaluate((id) => window.__situation.select({ type: "site", id }), site);
  const onDuty = admin.page.locator('.who-to-call li[data-organisation="viettel"] [data-duty="emergency_response"] a[href^="tel:"]');
  await onDuty.waitFor();
  // The panel settles once its audit trail has loaded; after that only a change it shows rebuilds it.
  await admin.page.waitForSelector('.details [data-history="audit"]');
  check((await onDuty.getAttribute("href")).startsWith("tel:0000001"), "the duty's number dials");
  await onDuty.scrollIntoViewIfNeeded();
  await screenshot(admin.page, artifacts, "compliance-who-to-call");

  // What the administrator is typing in the site's report survives a live change elsewhere: the
  // military command's new number reaches the open board cell while the form keeps "123".
  const battery = admin.page.locator('.details form[name="site-report"] input[name="batteryMinutes"]');
  await battery.fill("123");
  await military.page.fill("input[name=contact-name]", "Đại tá Nguyễn Văn Thử");
  await military.page.fill("input[name=contact-position]", "Tham mưu trưởng");
  await military.page.fill("input[name=contact-phone]", "0000 000 322");
  await military.page.click("button[name=send-contact-point]");
  await admin.page.waitForSelector('.obligation-detail:has-text("0000 000 322")');
  check(await battery.inputValue() === "123", `the typed battery minutes survive a live render: ${await battery.inputValue()}`);
  check(admin.errors.length === 0, admin.errors.join("\n"));
  check(military.errors.length === 0, military.errors.join("\n"));
  return { obligation: OBLIGATION };
}
