// Vietnamese by default with its diacritics; English on the switch; and back.
import { check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const { page, errors } = await openPage(browser, baseUrl);
  await page.goto("/");
  check(await page.locator("form.signin button[type=submit]").innerText() === "Đăng nhập", "the sign-in form is in Vietnamese");
  await signIn(page, "district-622", password);
  check(await page.locator("button[name=sign-out]").innerText() === "Đăng xuất", "Vietnamese by default");
  check(await page.locator("#flags-title").innerText().then((t) => t.startsWith("Cảnh báo")), "flags in Vietnamese");
  check(await page.locator(".district-label", { hasText: "Đăk Đoa" }).count() === 1, "district names keep their diacritics");
  check(await page.evaluate(() => document.documentElement.lang) === "vi", "the page says it is Vietnamese");
  await screenshot(page, artifacts, "language-vi");

  await page.click("button[name=language]");
  check(await page.locator("button[name=sign-out]").innerText() === "Sign out", "English after the switch");
  check(await page.locator("#flags-title").innerText().then((t) => t.startsWith("Flags")), "flags in English");
  check(await page.locator("#zone-title").innerText() === "Draw a quarantine zone", "tools in English");
  check(await page.evaluate(() => document.documentElement.lang) === "en", "the page says it is English");
  await screenshot(page, artifacts, "language-en");

  await page.click("button[name=language]");
  check(await page.locator("button[name=sign-out]").innerText() === "Đăng xuất", "and back to Vietnamese");
  check(errors.length === 0, errors.join("\n"));
}
