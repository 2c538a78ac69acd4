import type { ListRoutesQuery, RegisterRouteInput, SyncIngressesInput } from "../schemas";

/**
 * The agent side of the route registry (docs/api/routes.md): sync, register, unregister and list, with retries.
 * Depends on nothing but fetch, so it runs in any Node 20 agent. The token is kept in a private field and never
 * appears in errors or logs.
 */

export type RegisterRouteRequest = RegisterRouteInput;
export type SyncIngressesRequest = SyncIngressesInput;

export type Logger = { warn(message: string): void };

export type ControllerClientOptions = {
  baseUrl: string;
  token: string;
  /** Per attempt; the note's 30 s. */
  timeoutMs?: number;
  /** Extra attempts after the first, on 5xx, 429 and network errors. */
  retries?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  logger?: Logger;
};

/** A failed call: `status` is the HTTP status, or null when no response came (network error, timeout). */
export class ControllerError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly detail?: string,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = "ControllerError";
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/** Retry-After in ms (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

type Attempt = { body: unknown } | { error: ControllerError; retryAfter?: number | null };

const retryable = (status: number) => status >= 500 || status === 429;

export class ControllerClient {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #opts: Required<Omit<ControllerClientOptions, "baseUrl" | "token">>;

  constructor(options: ControllerClientOptions) {
    if (!options.token) throw new Error("ControllerClient needs the agent token");
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#token = options.token;
    this.#opts = {
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      logger: options.logger ?? { warn: () => {} },
    };
  }

  registerRoute(req: RegisterRouteRequest, signal?: AbortSignal) {
    return this.#call<RegisterResult>("POST", "/api/v1/gateway/routes/register", req, signal);
  }

  syncIngresses(req: SyncIngressesRequest, signal?: AbortSignal) {
    return this.#call<SyncResult>("POST", "/api/v1/gateway/routes/sync", req, signal);
  }

  unregisterRoute(hostname: string, signal?: AbortSignal) {
    return this.#call<{ hostname: string; removed: number; cluster_uuids: string[] }>(
      "POST",
      "/api/v1/gateway/routes/unregister",
      { hostname },
      signal,
    );
  }

  listRoutes(query: ListRoutesQuery & { org_id?: string } = {}, signal?: AbortSignal) {
    const params = new URLSearchParams(
      Object.entries(query)
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => [k, String(v)]),
    );
    return this.#call<{ items: Record<string, unknown>[]; total: number; page: number; limit: number }>(
      "GET",
      `/api/v1/gateway/routes?${params}`,
      undefined,
      signal,
    );
  }

  /** GET /api/health once (no retries): resolves with the body when the controller and its database answer. */
  async healthCheck(signal?: AbortSignal): Promise<{ status: string }> {
    return this.#attempt("GET", "/api/health", undefined, signal, false).then((r) => {
      if ("error" in r) throw r.error;
      return r.body as { status: string };
    });
  }

  /**
   * Syncs now, then every `intervalMs` (default 5 minutes), so a missed event or a controller restart heals by
   * itself. Failures go to `onError` and never stop the loop. `stop()` aborts a sync in flight and waits for it.
   */
  startPeriodicSync(
    getIngresses: () => SyncIngressesRequest | Promise<SyncIngressesRequest>,
    opts: { intervalMs?: number; onResult?: (r: SyncResult) => void; onError?: (err: unknown) => void } = {},
  ) {
    const intervalMs = opts.intervalMs ?? 5 * 60_000;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const tick = async () => {
      try {
        opts.onResult?.(await this.syncIngresses(await getIngresses(), abort.signal));
      } catch (err) {
        if (!abort.signal.aborted)
          (opts.onError ?? ((e) => this.#opts.logger.warn(`periodic route sync failed: ${(e as Error).message}`)))(err);
      }
      if (!abort.signal.aborted) timer = setTimeout(() => (running = tick()), intervalMs);
    };
    running = tick();
    return {
      async stop() {
        abort.abort();
        clearTimeout(timer);
        await running;
      },
    };
  }

  async #call<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const { retries } = this.#opts;
    for (let attempt = 0; ; attempt++) {
      const r = await this.#attempt(method, path, body, signal, true);
      if (!("error" in r)) return r.body as T;
      const canRetry = r.error.status === null || retryable(r.error.status);
      if (!canRetry || attempt >= retries || signal?.aborted) {
        throw new ControllerError(r.error.message, r.error.status, r.error.detail, attempt + 1);
      }
      const delay = r.retryAfter ?? this.#backoff(attempt);
      this.#opts.logger.warn(`${r.error.message}; retry ${attempt + 1}/${retries} in ${delay} ms`);
      await sleep(delay, signal);
    }
  }

  /** Exponential backoff with jitter: half fixed, half random, so agents restarted together spread out. */
  #backoff(attempt: number): number {
    const cap = Math.min(this.#opts.maxBackoffMs, this.#opts.backoffMs * 2 ** attempt);
    return Math.round(cap / 2 + Math.random() * (cap / 2));
  }

  async #attempt(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    auth: boolean,
  ): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.#opts.timeoutMs);
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${this.#token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          accept: "application/json",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      const why = timeout.aborted
        ? `timed out after ${this.#opts.timeoutMs} ms`
        : signal?.aborted
          ? "aborted"
          : (((err as Error).cause as Error | undefined)?.message ?? (err as Error).message);
      return { error: new ControllerError(`${method} ${path.split("?")[0]} failed: ${why}`, null) };
    }
    const text = await res.text().catch(() => "");
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* a proxy's HTML error page: reported as text below */
    }
    if (res.ok) return { body: json };
    const detail = (json as { detail?: string } | null)?.detail ?? text.slice(0, 200);
    const retryAfter = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get("retry-after")) : null;
    return {
      error: new ControllerError(
        `${method} ${path.split("?")[0]} failed with status ${res.status}: ${detail}`,
        res.status,
        detail,
      ),
      retryAfter: retryAfter === null ? null : Math.min(retryAfter, this.#opts.maxBackoffMs),
    };
  }
}

export type RouteJson = Record<string, unknown> & { id: string; hostname: string; cluster_uuid: string; path: string };
export type RegisterResult = {
  result: "created" | "updated" | "unchanged";
  route: RouteJson;
  cluster: Record<string, unknown>;
};
export type SyncResult = {
  cluster_uuid: string;
  routing_mode: string;
  route_count: number;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
};
