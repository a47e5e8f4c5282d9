import { read, write } from '../access';
import { channel } from '../channel';
import {
  authStatusSchema,
  createOperatorRequest,
  deactivateOperatorRequest,
  emptyRequest,
  loginRequest,
  operatorListResponse,
  operatorNamesResponse,
  operatorSchema,
  pscAttemptRequest,
  pscCancelResponse,
  pscCredentialRequest,
  pscCredentialResponse,
  pscStartRequest,
  pscStartResponse,
  resetPasswordRequest,
  unlockRequest,
} from '../schemas';

/** Signing in and out, locking, and the operator accounts (IT's). */
export const authChannels = [
  channel('auth:status', { method: 'authStatus', request: emptyRequest, response: authStatusSchema, access: read('public') }),
  channel('auth:login', { method: 'login', request: loginRequest, response: authStatusSchema, access: write('public') }),
  channel('auth:lock', { method: 'lock', request: emptyRequest, response: authStatusSchema, access: write('session') }),
  channel('auth:unlock', { method: 'unlock', request: unlockRequest, response: authStatusSchema, access: write('public') }),
  channel('auth:logout', { method: 'logout', request: emptyRequest, response: authStatusSchema, access: write('session') }),
  // Pro Santé Connect (issue 17): like the password sign-in, open to whoever stands at the workstation.
  channel('auth:pscStart', { method: 'startPsc', request: pscStartRequest, response: pscStartResponse, access: write('public') }),
  channel('auth:pscComplete', { method: 'completePsc', request: pscAttemptRequest, response: authStatusSchema, access: write('public') }),
  channel('auth:pscCancel', { method: 'cancelPsc', request: pscAttemptRequest, response: pscCancelResponse, access: write('public') }),
  // The client secret (or private key) of the workstation, set by IT like the SIP password.
  channel('psc:setCredential', { method: 'setPscCredential', request: pscCredentialRequest, response: pscCredentialResponse, access: write(['ADMIN']) }),
  channel('operator:create', { method: 'createOperator', request: createOperatorRequest, response: operatorSchema, access: write(['ADMIN']) }),
  channel('operator:list', { method: 'listOperators', request: emptyRequest, response: operatorListResponse, access: read(['ADMIN', 'SUPERVISEUR']) }),
  channel('operator:names', { method: 'operatorNames', request: emptyRequest, response: operatorNamesResponse, access: read('session') }),
  channel('operator:deactivate', { method: 'deactivateOperator', request: deactivateOperatorRequest, response: operatorSchema, access: write(['ADMIN']) }),
  channel('operator:resetPassword', { method: 'resetOperatorPassword', request: resetPasswordRequest, response: operatorSchema, access: write(['ADMIN']) }),
] as const;
