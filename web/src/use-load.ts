// Loading what a page shows: the data, or that it is still coming, or why it failed, and a
// way to load it again. A new key (e.g. another organization) loads anew.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from './api/client';

export type Loaded<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'failed'; problem: ApiProblem; reload: () => void }
  | { state: 'ready'; data: T; reload: () => void };

export function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem(0, 'unexpected', String(error));
}

export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const latest = useRef(load);
  latest.current = load;
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<
    { state: 'loading' } | { state: 'failed'; problem: ApiProblem } | { state: 'ready'; data: T }
  >({ state: 'loading' });

  useEffect(() => {
    let current = true;
    latest.current().then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: unknown) => current && setResult({ state: 'failed', problem: asProblem(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, version]);

  // A new key shows "loading" rather than the previous key's data.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setResult({ state: 'loading' });
  }
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { ...result, reload };
}
