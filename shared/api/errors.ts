/** The stable codes are the domain's (shared/domain/errors.ts): the contract carries them. */
export { ERROR_CODES, type CodedError, type ErrorCode } from '../domain/errors';
