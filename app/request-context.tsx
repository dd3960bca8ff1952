import { createContext, useContext } from "react";

/** Server-rendered only: the request id (shown on error pages) and the CSP nonce. */
export const RequestContext = createContext<{ requestId: string | null; nonce: string | undefined }>({
  requestId: null,
  nonce: undefined,
});
export const useRequestContext = () => useContext(RequestContext);
