/**
 * How the request layer reaches the session without importing the store (which itself calls
 * the API): the store registers these once when it is created.
 */
export interface AuthBridge {
  getToken: () => string | null;
  /** The server said our token is no longer valid; `message` says why, in Chinese. */
  onUnauthorized: (message: string) => void;
}

export const authBridge: AuthBridge = {
  getToken: () => null,
  onUnauthorized: () => undefined,
};

export function connectAuth(bridge: AuthBridge): void {
  authBridge.getToken = bridge.getToken;
  authBridge.onUnauthorized = bridge.onUnauthorized;
}
