import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, onSessionChange, refreshSession, sessionEnded, sessionStarted } from '../api/client';
import type { User } from '../api/types';

interface Session {
  user: User | null;
  loading: boolean;
  // Closures, not methods: components take them out of the context (`const { login } = …`).
  login: (username: string, password: string) => Promise<User>;
  /** Ends this browser's session. */
  logout: () => Promise<void>;
  /** Ends every session of the user, on every device. */
  logoutEverywhere: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    // A reload or a new tab: the session cookie, if any, gives a token and who it is for now.
    let cancelled = false;
    void refreshSession()
      .then((current) => {
        if (!cancelled) setUser(current);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    const stop = onSessionChange((current) => setUser(current));
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await api<{ accessToken: string; user: User }>('/api/auth/login', {
      method: 'POST',
      body: { username, password },
    });
    sessionStarted(answer.accessToken);
    setUser(answer.user);
    return answer.user;
  }, []);

  const logout = useCallback(async () => {
    // Even when the API cannot be reached the session ends in this browser.
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    sessionEnded();
  }, []);

  const logoutEverywhere = useCallback(async () => {
    await api('/api/auth/logout-all', { method: 'POST' });
    sessionEnded();
  }, []);

  return (
    <SessionContext.Provider value={{ user, loading, login, logout, logoutEverywhere }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
