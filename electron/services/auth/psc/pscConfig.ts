import { z } from 'zod';
import { HTTPS_RULE, isSecureUrl, secureUrlMessage } from '../../../../shared/domain/secureUrl';

const ISSUER_RULE = { ...HTTPS_RULE, bare: true };

/** https:// always; plain http:// only towards this machine (the tests' provider), never across a network. */
const issuerUrl = z
  .string()
  .max(500)
  .refine((value) => isSecureUrl(value, ISSUER_RULE), secureUrlMessage(ISSUER_RULE));

/**
 * Pro Santé Connect for this site (issue 17). Nothing secret here: the client secret (or the
 * private key of a private-key JWT) is kept by the OS secret store under `psc.clientSecret` /
 * `psc.privateKey` and handed to the services at start.
 */
export const pscConfigSchema = z
  .strictObject({
    /** The provider's issuer, e.g. https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet. */
    issuer: issuerUrl,
    clientId: z.string().min(1).max(200),
    /** How the client proves itself at the token endpoint. */
    clientAuth: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt']).default('client_secret_basic'),
    /** Requested authentication levels (`acr_values`), the first being preferred; the token's `acr` must be one of them. */
    acrValues: z.array(z.string().min(1).max(100)).min(1).max(5).default(['eidas1']),
    scope: z.string().min(6).max(500).regex(/(^|\s)openid(\s|$)/, 'must contain "openid"').default('openid scope_all'),
    /**
     * The loopback redirect (RFC 8252): port 0 takes a free port for each sign-in (a provider that
     * honours RFC 8252 §7.3 accepts any port); a fixed port for a provider that registered one.
     */
    redirect: z
      .strictObject({
        port: z.number().int().min(0).max(65535).refine((p) => p === 0 || p >= 1024, 'expected 0 (any free port) or 1024–65535').default(0),
        path: z.string().regex(/^\/[A-Za-z0-9._~/-]{0,200}$/, 'expected a path such as /psc/callback').default('/psc/callback'),
      })
      .default({ port: 0, path: '/psc/callback' }),
    /** A PSC session ends after this long (or at the workstation lock, whichever first). */
    sessionMinutes: z.number().int().min(5).max(24 * 60).default(240),
    /** Decisions need a PSC session: a decision after a password sign-in is refused (E_PSC_REQUIRED). */
    requiredForDecisions: z.boolean().default(false),
    /** Each request to the provider (discovery, token, userinfo) is given up after this long. */
    timeoutMs: z.number().int().min(500).max(30_000).default(5000),
    /** How long a sign-in waits for the person in the browser. */
    signInTimeoutSeconds: z.number().int().min(10).max(900).default(180),
  })
  .nullable()
  .default(null);

export type PscConfig = NonNullable<z.output<typeof pscConfigSchema>>;

/** Keys of the OS secret store holding the client's credential (never in the configuration file). */
export const PSC_SECRET_KEYS = { clientSecret: 'psc.clientSecret', privateKey: 'psc.privateKey' } as const;
