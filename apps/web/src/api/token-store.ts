export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'chidao.tokens';

// localStorage so that a reload or a second tab keeps the session; logout clears it.
export function loadTokens(): Tokens | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

export function saveTokens(tokens: Tokens | null): void {
  if (tokens) localStorage.setItem(KEY, JSON.stringify(tokens));
  else localStorage.removeItem(KEY);
}
