// Real Chromium (Debian's, never a downloaded one) driven by playwright-core, headless, with WebGL
// through SwiftShader so that MapLibre draws.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist", ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])],
  });
}

/** Every page opened and what went wrong on it, reported when a scenario fails. */
export const opened = [];

/** A page of a fresh context, its console errors and page errors collected for the scenario to check. */
export async function openPage(browser, baseUrl, { width = 1440, height = 900, lang = "vi" } = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height }, locale: lang === "vi" ? "vi-VN" : "en-GB", acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // A refused request is reported below with its address; the console's copy says less.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(`console: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`http ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  opened.push({ page, errors });
  return { context, page, errors };
}

export async function signIn(page, username, password) {
  await page.goto("/");
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("form.signin button[type=submit]");
  await waitForMap(page);
}

/** Until the first snapshot is on the map and the map has finished drawing it. */
export async function waitForMap(page, timeout = 60_000) {
  await page.waitForFunction(() => window.__situation?.ready === true, null, { timeout });
}

export async function screenshot(page, artifacts, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

/** The API as a test client, signed in: to make changes "from elsewhere" while the browser watches. */
export async function apiAs(baseUrl, username, password) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const { token } = await login.json();
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
