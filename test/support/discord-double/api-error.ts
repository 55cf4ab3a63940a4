import type { Json } from './types.js';

/** A Discord JSON error: thrown by route handlers, turned into a response by the REST server. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: number, message: string, readonly errors?: Json) {
    super(message);
  }

  get body(): Json {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const unauthorized = (): ApiError => new ApiError(401, 0, '401: Unauthorized');
export const unknownRoute = (): ApiError => new ApiError(404, 0, '404: Not Found');
export const unknownChannel = (): ApiError => new ApiError(404, 10003, 'Unknown Channel');
export const unknownMessage = (): ApiError => new ApiError(404, 10008, 'Unknown Message');
export const unknownInteraction = (): ApiError => new ApiError(404, 10062, 'Unknown interaction');
export const unknownWebhook = (): ApiError => new ApiError(404, 10015, 'Unknown Webhook');

/** 50035 with Discord's nested `errors` shape: `{ "embeds.0.title": …}` becomes nested keys. */
export function invalidForm(path: string, code: string, message: string): ApiError {
  const errors: Json = {};
  let node = errors;
  for (const key of path.split('.')) {
    const child: Json = {};
    node[key] = child;
    node = child;
  }
  node._errors = [{ code, message }];
  return new ApiError(400, 50035, 'Invalid Form Body', errors);
}
