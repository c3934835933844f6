// The signed-in person: the token is kept for the browser tab's session only (sessionStorage), so
// closing the tab signs out and nothing outlives the shift on a shared wall display.

export interface User {
  username: string;
  displayName?: string | null;
  role: "leader" | "district" | "operator" | "utility" | "agency" | "checkpoint" | "admin";
  scope?: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

const KEY = "situation.session";

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return new Date(session.expiresAt) > new Date() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
