// A server-paged list: the first page for a query, then each next page on demand, appended.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiProblem } from './api/client';
import { asProblem } from './use-load';

interface Page<T> {
  items: T[];
  nextPageToken: string | null;
}

export interface Pages<T> {
  items: T[];
  state: 'loading' | 'ready' | 'failed';
  problem: ApiProblem | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Replaces one item in place (after a change the server confirmed). */
  replace(match: (item: T) => boolean, item: T): void;
}

export function usePages<T>(fetchPage: (pageToken?: string) => Promise<Page<T>>, query: string): Pages<T> {
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<Pages<T>['state']>('loading');
  const [problem, setProblem] = useState<ApiProblem>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [version, setVersion] = useState(0);
  // Answers to an older query are dropped.
  const generation = useRef(0);
  const shownQuery = useRef(query);

  useEffect(() => {
    const mine = ++generation.current;
    // A new query starts empty; a reload of the same one keeps its rows until the answer.
    if (shownQuery.current !== query) {
      shownQuery.current = query;
      setState('loading');
      setItems([]);
    }
    fetcher.current().then(
      (page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setNext(page.nextPageToken);
        setState('ready');
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setProblem(asProblem(error));
        setState('failed');
      },
    );
  }, [query, version]);

  const loadMore = useCallback(() => {
    if (!next || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    fetcher.current(next).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((current) => [...current, ...page.items]);
        setNext(page.nextPageToken);
        setLoadingMore(false);
      },
      (error: unknown) => {
        // Shown with the rows kept; no automatic retry of a page that failed.
        setProblem(asProblem(error));
        setNext(null);
        setLoadingMore(false);
      },
    );
  }, [next, loadingMore]);

  const replace = useCallback((match: (item: T) => boolean, item: T) => {
    setItems((current) => current.map((candidate) => (match(candidate) ? item : candidate)));
  }, []);

  return {
    items,
    state,
    problem,
    hasMore: next !== null,
    loadingMore,
    loadMore,
    reload: () => setVersion((value) => value + 1),
    replace,
  };
}
