import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, onSessionChange, setTokens } from '../api/client';
import { loadTokens } from '../api/token-store';
import type { User } from '../api/types';

interface Session {
  user: User | null;
  loading: boolean;
  // Closures, not methods: components take them out of the context (`const { login } = …`).
  login: (username: string, password: string) => Promise<User>;
  logout: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(() => loadTokens() !== null);

  useEffect(() => {
    // A stored token: ask who it belongs to (roles may have changed since).
    if (loadTokens()) {
      api<User>('/api/auth/me')
        .then(setUser)
        .catch(() => setUser(null))
        .finally(() => setLoading(false));
    }
    return onSessionChange((tokens) => {
      if (!tokens) setUser(null);
    });
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await api<{ accessToken: string; refreshToken: string; user: User }>(
      '/api/auth/login',
      { method: 'POST', body: { username, password } },
    );
    setTokens({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
    setUser(answer.user);
    return answer.user;
  }, []);

  const logout = useCallback(() => setTokens(null), []);

  return (
    <SessionContext.Provider value={{ user, loading, login, logout }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
