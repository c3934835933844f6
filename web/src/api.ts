// Calls to the Situation HTTP API with the session's token. Errors come back as problem+json;
// they are raised as ApiError carrying the status, the title and the per-field errors.

import type { Session } from "./session";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: Record<string, string[]> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

let current: Session | null = null;
let onUnauthorized: () => void = () => {};

export function useSession(session: Session | null, unauthorized?: () => void): void {
  current = session;
  if (unauthorized) onUnauthorized = unauthorized;
}

export function token(): string {
  return current?.token ?? "";
}

export async function request<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
  const headers: Record<string, string> = {};
  if (current) headers.authorization = `Bearer ${current.token}`;
  if (body !== undefined) headers["content-type"] = contentType;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401 && current && !path.endsWith("/auth/login")) onUnauthorized();
    throw new ApiError(response.status, json?.title ?? response.statusText, json?.detail, json?.errors ?? {});
  }
  return json as T;
}

export const get = <T>(path: string) => request<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? undefined);
export const put = <T>(path: string, body: unknown) => request<T>("PUT", path, body);
export const patch = <T>(path: string, body: unknown) => request<T>("PATCH", path, body);

/**
 * What to tell the person about a failed call, in their language: the kind of failure, then the
 * server's own words (field by field for invalid input), which name the field or the rule.
 */
export function describeError(error: unknown, t: (key: ErrorKey) => string): string {
  if (!(error instanceof ApiError)) return `${t("errorOther")}: ${error instanceof Error ? error.message : String(error)}`;
  const kind: ErrorKey = error.status === 400 || error.status === 422 ? "errorInvalid"
    : error.status === 401 ? "errorUnauthorized" : error.status === 403 ? "errorForbidden"
    : error.status === 404 ? "errorNotFound" : error.status === 409 ? "errorConflict"
    : error.status === 429 ? "errorTooMany" : error.status === 503 ? "errorUnavailable" : "errorOther";
  const fields = Object.entries(error.errors).map(([field, messages]) => `${field}: ${messages.join("; ")}`);
  const detail = fields.length > 0 ? fields.join(" · ") : error.detail;
  return detail ? `${t(kind)} — ${detail}` : t(kind);
}

export type ErrorKey = "errorInvalid" | "errorUnauthorized" | "errorForbidden" | "errorNotFound" | "errorConflict" | "errorTooMany" | "errorUnavailable" | "errorOther";
