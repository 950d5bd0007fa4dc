/**
 * The typed fetch client: bearer token from memory, one refresh on 401 (from the session cookie),
 * and the API's error shape
 * `{ code, message, messageVi, details: { fields: [{ field, message, messageVi }] } }` turned
 * into an ApiError whose field messages a form can put under each field.
 */
import { currentAccessToken, holdAccessToken } from './session-token';
import type { User } from './types';

interface FieldProblem {
  field: string;
  message: string;
  messageVi: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
  }

  /** Field → messages; nested fields (`tasks.0.deadline`) keep their full path. */
  get fields(): Record<string, { message: string; messageVi: string }[]> {
    const list = (this.details?.fields ?? []) as FieldProblem[];
    const byField: Record<string, { message: string; messageVi: string }[]> = {};
    for (const problem of Array.isArray(list) ? list : []) {
      (byField[problem.field] ??= []).push({
        message: problem.message,
        messageVi: problem.messageVi,
      });
    }
    return byField;
  }
}

/** Tells the API to keep the refresh token in its HttpOnly cookie, never in a body we can read. */
export const SESSION_HEADERS = { 'x-chidao-session': 'cookie' } as const;

type Listener = (user: User | null) => void;
const listeners = new Set<Listener>();
export const onSessionChange = (listener: Listener): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

// Other tabs of this browser share the cookie: a logout in one logs them all out at once.
const tabs =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('chidao-session');
if (tabs) {
  tabs.onmessage = (message) => {
    if (message.data === 'ended') endSessionHere();
  };
}

function endSessionHere(): void {
  holdAccessToken(null);
  listeners.forEach((listener) => listener(null));
}

/** A session began or was renewed: hold its access token. */
export function sessionStarted(accessToken: string): void {
  holdAccessToken(accessToken);
}

/** The session is over in this browser: forget the token here and in every other tab. */
export function sessionEnded(): void {
  endSessionHere();
  tabs?.postMessage('ended');
}

interface RefreshAnswer {
  accessToken: string;
  user: User;
}

let refreshing: Promise<User | null> | null = null;

/**
 * A new access token from the session cookie, and who it is for; null when there is no session.
 * Calls in this tab share one refresh, and tabs take turns (Web Locks): the API retires each
 * refresh token when it is used, and seeing one used twice it ends the session as stolen.
 */
export function refreshSession(): Promise<User | null> {
  refreshing ??= (async () => {
    try {
      const run = () => postRefresh();
      return await (navigator.locks ? navigator.locks.request('chidao-refresh', run) : run());
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function postRefresh(): Promise<User | null> {
  try {
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: SESSION_HEADERS,
      credentials: 'same-origin',
    });
    if (!response.ok) return null;
    const fresh = (await response.json()) as RefreshAnswer;
    holdAccessToken(fresh.accessToken);
    return fresh.user;
  } catch {
    return null;
  }
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  accept?: string;
  /** A multipart body (an uploaded file): the browser sets its content type and boundary. */
  form?: FormData;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const token = currentAccessToken();
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (path.startsWith('/api/auth/')) Object.assign(headers, SESSION_HEADERS);
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(withQuery(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
}

async function toError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as {
      code?: string;
      message?: string;
      messageVi?: string;
      details?: Record<string, unknown>;
    };
    return new ApiError(
      response.status,
      body.code ?? `http_${response.status}`,
      body.message ?? text,
      body.messageVi ?? body.message ?? text,
      body.details,
    );
  } catch {
    return new ApiError(response.status, `http_${response.status}`, text, text, undefined);
  }
}

/** A response, after one refresh-and-retry on 401; throws ApiError when not 2xx. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(path, options);
  if (response.status === 401 && !path.startsWith('/api/auth/') && (await refreshSession())) {
    response = await send(path, options);
  }
  if (response.status === 401 && !path.startsWith('/api/auth/login')) endSessionHere();
  if (!response.ok) throw await toError(response);
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The file's name as the server gave it: `filename*` (UTF-8, accents kept) before `filename`. */
function fileNameOf(disposition: string): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // Malformed: fall back to the plain name.
    }
  }
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null;
}

/** Downloads a protected file (the token cannot ride on a plain link). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request(path, { accept: '*/*' });
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = fileNameOf(disposition) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
