// The sign-in form: the token it returns is kept for the browser tab's session.

import { ApiError, describeError, post } from "../api";
import { currentLang, setLang, t } from "../i18n";
import type { Session } from "../session";
import { h, replace } from "./dom";

export function showSignIn(root: HTMLElement, onSignedIn: (session: Session) => void): void {
  const render = () => {
    const error = h("p", { class: "error", role: "alert", id: "signin-error" });
    const username = h("input", { name: "username", id: "username", autocomplete: "username", required: true });
    const password = h("input", { name: "password", id: "password", type: "password", autocomplete: "current-password", required: true });
    const form = h("form", { class: "signin", "aria-labelledby": "signin-title" },
      h("h1", { id: "signin-title" }, t("appTitle")),
      h("label", { for: "username" }, t("username")), username,
      h("label", { for: "password" }, t("password")), password,
      h("button", { type: "submit", class: "primary" }, t("signIn")),
      error,
      h("button", { type: "button", class: "link", onclick: () => { setLang(currentLang() === "vi" ? "en" : "vi"); render(); } }, t("language")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      try {
        onSignedIn(await post<Session>("/api/auth/login", { username: username.value.trim(), password: password.value }));
      } catch (e) {
        error.textContent = e instanceof ApiError && e.status === 401 ? t("signInFailed") : describeError(e, t);
      }
    });
    replace(root, form);
    username.focus();
  };
  render();
}
