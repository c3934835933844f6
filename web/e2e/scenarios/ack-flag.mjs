// A leader acknowledges a flag from the list; the acknowledgement shows, live, with who made it.
import { check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const { page, errors } = await openPage(browser, baseUrl);
  await signIn(page, "leader", password);
  const flag = await page.evaluate(() => window.__situation.store.all("flag").find((f) => f.kind === "checkpoint_no_wifi" && f.acks.length === 0)?.id);
  check(flag, "an unacknowledged checkpoint flag is open");
  const item = page.locator(`li[data-flag="${flag}"]`);
  await item.locator("button.ack").click();
  await item.locator(".acked").waitFor();
  const text = await item.locator(".acked").innerText();
  check(text.includes("Đã xác nhận") && text.includes("leader"), `the list says who acknowledged: ${text}`);
  check(await page.evaluate((id) => window.__situation.store.get("flag", id).acks.at(-1).by, flag) === "leader", "the store holds the acknowledgement");
  await screenshot(page, artifacts, "ack-flag");
  check(errors.length === 0, errors.join("\n"));
  return { flag };
}
