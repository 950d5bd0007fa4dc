import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { DICTIONARIES, type Language, type MessageKey } from './dictionary';

const STORAGE_KEY = 'chidao.language';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

const initialLanguage = (): Language => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi');

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  const t = useCallback<Translate>(
    (key, values) =>
      DICTIONARIES[language][key].replace(/\{(\w+)\}/g, (_, name: string) =>
        String(values?.[name] ?? ''),
      ),
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
