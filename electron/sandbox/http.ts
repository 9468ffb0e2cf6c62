/**
 * The sandbox's small HTTP vocabulary: a parsed request in, a response value
 * out. Handlers return values instead of writing to the socket so that fault
 * injection can replace, truncate or drop an answer after the work was done
 * (the "it succeeded but the reply was lost" case idempotency exists for).
 */
export interface SandboxRequest {
  method: string;
  /** Path without the query, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The Bearer token, or null when the header is missing or malformed. */
  token: string | null;
  /** Parsed JSON body; `INVALID_JSON` when the body was not JSON; undefined when empty. */
  body: unknown;
}

export const INVALID_JSON: unique symbol = Symbol('invalid json');

export interface SandboxResponse {
  status: number;
  contentType: string;
  body: string | Uint8Array;
  /** Extra response headers (e.g. Flash Americas' X-RateLimit-* on every answer). */
  headers?: Readonly<Record<string, string>>;
}

/** One API (Flex Forward, a courier's document host, Flash Americas…) mounted on the sandbox. */
export interface SandboxRouter {
  readonly name: string;
  /** Answers the request, or returns null when the path is not this router's. */
  handle(request: SandboxRequest): Promise<SandboxResponse | null>;
}

export function json(status: number, value: unknown): SandboxResponse {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

/** The reference's standard error body (§8.1). */
export function standardError(status: number, error: string): SandboxResponse {
  return json(status, { error });
}
