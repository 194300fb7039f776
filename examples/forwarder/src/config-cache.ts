/**
 * The SSM values, loaded once per cold start (started at init) and kept for
 * a TTL. Concurrent requests share one load. A failed load is reported to the
 * request that waits for it (a 503) and forgotten, so the next request loads
 * again; after the TTL a failed refresh keeps serving the values it has
 * (logged) and the next request tries again.
 */
export interface ConfigCache<T> {
  get(): Promise<T>;
}

export interface ConfigCacheOptions<T> {
  load: () => Promise<T>;
  ttlMs: number;
  now?: () => number;
  /** a refresh failed while older values were still served */
  onStaleRefreshFailure?: (error: unknown) => void;
}

export function configCache<T>(opts: ConfigCacheOptions<T>): ConfigCache<T> {
  const now = opts.now ?? Date.now;
  let value: { data: T; at: number } | undefined;
  let inflight: Promise<T> | undefined;

  const start = (): Promise<T> => {
    const loading = opts.load().then((data) => {
      value = { data, at: now() };
      return data;
    });
    inflight = loading;
    // Forget the load once it settles: a failure is retried by the next get().
    loading.then(
      () => (inflight = inflight === loading ? undefined : inflight),
      () => undefined,
    );
    return loading;
  };

  const settleFailure = (loading: Promise<T>) => (error: unknown) => {
    if (inflight === loading) inflight = undefined;
    throw error;
  };

  // Init-time load: its outcome is what the first request sees.
  const first = start();
  first.catch(() => undefined);

  return {
    async get() {
      if (value && now() - value.at < opts.ttlMs) return value.data;
      const loading = inflight ?? start();
      if (!value) return loading.catch(settleFailure(loading));
      const stale = value.data;
      return loading.catch((error: unknown) => {
        if (inflight === loading) inflight = undefined;
        opts.onStaleRefreshFailure?.(error);
        return stale;
      });
    },
  };
}
