import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OFFICIAL_SCHEMAS } from './officialSchemas';

/**
 * Whole-message validation against the official schemas, the way the handout says to load them
 * (each file gets the `$id` `classpath:/json-schema/<file>`; Ajv non-strict, with formats).
 *
 * EDXL-DE-full accepts any of its ~20 payloads through a `oneOf`: validating against it compiles
 * every payload schema (EMSI, RC-EDA, RS-RPIS…) and runs every branch on every message. The inbox
 * knows the payload key before validating (it refuses a message whose key is not one it reads, or
 * that carries more than one), so it validates with EDXL-DE-full whose `oneOf` is narrowed to that
 * key's own official branch: the same envelope, header and payload rules, for that payload only.
 * Compiled once per key, on first use or by warmUp().
 */
const FULL = 'EDXL-DE-full.schema.json';
const ID = (file: string) => `classpath:/json-schema/${file}`;

interface Branch {
  allOf?: Branch[];
  properties?: { message?: { required?: string[] } };
}
interface FullSchema {
  definitions: Record<string, unknown> & { EmbeddedJsonContent: { oneOf: Branch[] } };
}

/** The payload key a branch of EmbeddedJsonContent's oneOf requires (createCaseHealth, reference…). */
function branchKey(branch: Branch): string | undefined {
  for (const part of branch.allOf ?? [branch]) {
    const required = part.properties?.message?.required;
    if (required?.length) return required[0];
  }
  return undefined;
}

export interface SchemaValidator {
  /** Every payload key the official whole-message schema knows (to refuse two payloads in one message). */
  readonly officialPayloadKeys: ReadonlySet<string>;
  /** null when valid; otherwise the first problems as bounded text. */
  validate(message: unknown, payloadKey: string): string | null;
  /** Compiles the validators of these keys now (off the start path, before the first message). */
  warmUp(keys: readonly string[]): void;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 4)
    .map((e) => `${e.instancePath || '(message)'} ${e.message ?? 'invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty).slice(0, 80)})` : ''}`)
    .join('; ')
    .slice(0, 1000);
}

export function createSchemaValidator(schemas: Readonly<Record<string, object>> = OFFICIAL_SCHEMAS): SchemaValidator {
  const full = schemas[FULL] as FullSchema | undefined;
  if (!full) throw new Error(`${FULL} is missing from the bundled schemas`);
  const branches = new Map<string, Branch>();
  for (const branch of full.definitions.EmbeddedJsonContent.oneOf) {
    const key = branchKey(branch);
    if (key) branches.set(key, branch);
  }
  let ajv: Ajv | null = null;
  const compiled = new Map<string, ValidateFunction>();

  const validatorFor = (key: string): ValidateFunction => {
    let validate = compiled.get(key);
    if (validate) return validate;
    const branch = branches.get(key);
    if (!branch) throw new Error(`no official schema branch for payload ${key}`);
    if (!ajv) {
      ajv = new Ajv({ strict: false, allErrors: false });
      addFormats(ajv);
      for (const [file, schema] of Object.entries(schemas)) if (file !== FULL) ajv.addSchema({ ...schema, $id: ID(file) });
    }
    validate = ajv.compile({ ...full, $id: ID(`EDXL-DE-full-${key}.schema.json`), definitions: { ...full.definitions, EmbeddedJsonContent: { type: 'object', oneOf: [branch] } } });
    compiled.set(key, validate);
    return validate;
  };

  return {
    officialPayloadKeys: new Set(branches.keys()),
    validate(message, payloadKey) {
      const validate = validatorFor(payloadKey);
      return validate(message) ? null : describe(validate.errors);
    },
    warmUp(keys) {
      for (const key of keys) validatorFor(key);
    },
  };
}
