/**
 * The session's own requests. They stay outside React Query on purpose: the sign-in gate
 * (app/SignIn.tsx) sits above the query client and caches nothing; what it changes reaches
 * the queries through the auth events (a sign-in makes them ask again).
 */
import { authStatusResponseSchema, loginResponseSchema, logoutResponseSchema } from '@grmd/shared';
import { api } from './client.ts';

export { emitAuthEvent, onAuthEvent } from './authEvents.ts';

export const getAuthStatus = () => api('/auth/status', authStatusResponseSchema);
export const signIn = (token: string) => api('/auth/login', loginResponseSchema, { body: { token } });
export const signOut = () => api('/auth/logout', logoutResponseSchema, { body: {} });
