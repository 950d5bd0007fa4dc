/**
 * The typed fetch client: bearer token, one refresh on 401, and the API's error shape
 * `{ code, message, messageVi, details: { fields: [{ field, message, messageVi }] } }` turned
 * into an ApiError whose field messages a form can put under each field.
 */
import { loadTokens, saveTokens, type Tokens } from './token-store';

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

type Listener = (tokens: Tokens | null) => void;
const listeners = new Set<Listener>();
export const onSessionChange = (listener: Listener): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export function setTokens(tokens: Tokens | null): void {
  saveTokens(tokens);
  listeners.forEach((listener) => listener(tokens));
}

let refreshing: Promise<boolean> | null = null;

// Several calls may meet an expired token at once; they share one refresh.
async function refresh(): Promise<boolean> {
  const tokens = loadTokens();
  if (!tokens) return false;
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: tokens.refreshToken }),
      });
      if (!response.ok) return false;
      const fresh = (await response.json()) as Tokens;
      setTokens({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken });
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  accept?: string;
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
  const tokens = loadTokens();
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (tokens) headers.authorization = `Bearer ${tokens.accessToken}`;
  return fetch(withQuery(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
  if (response.status === 401 && !path.startsWith('/api/auth/') && (await refresh())) {
    response = await send(path, options);
  }
  if (response.status === 401 && !path.startsWith('/api/auth/login')) setTokens(null);
  if (!response.ok) throw await toError(response);
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads a protected file (the token cannot ride on a plain link). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request(path, { accept: '*/*' });
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
