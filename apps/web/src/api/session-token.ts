/**
 * The access token lives in this module's memory only: nothing a script could read survives the
 * page. The refresh token is an HttpOnly cookie the browser sends to /api/auth alone, so a reload
 * or a new tab gets a fresh access token from it (refreshSession in client.ts).
 */
let accessToken: string | null = null;

export const currentAccessToken = (): string | null => accessToken;

export function holdAccessToken(token: string | null): void {
  accessToken = token;
}

// Versions before sessions kept both tokens in localStorage: whatever one left there goes.
try {
  localStorage.removeItem('chidao.tokens');
} catch {
  // Storage disabled: nothing was kept there either.
}
