import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../../../../electron/services/hub/inboundMessage';
import { OFFICIAL_SCHEMAS } from '../../../../../electron/services/hub/officialSchemas';
import { createSchemaValidator } from '../../../../../electron/services/hub/schemaValidator';
import { HUBSANTE_DIR, readHandoutJson, sampleFiles } from '../../../../support/hubHandout';
import { SHIPPED_SCHEMA_DIR, shippedSchemaFiles } from '../../../../support/shippedSchemas';

type Obj = Record<string, unknown>;

describe('the official schemas shipped with the app', () => {
  it('are the official files, byte for byte, and all the inbox needs (run `npm run schemas:copy` after an update)', () => {
    const shipped = readdirSync(SHIPPED_SCHEMA_DIR).sort();
    expect(shipped).toEqual(shippedSchemaFiles());
    for (const file of shipped) expect(readFileSync(join(SHIPPED_SCHEMA_DIR, file)).equals(readFileSync(join(HUBSANTE_DIR, 'json-schema', file))), file).toBe(true);
    // The bundle imports exactly those.
    expect(Object.keys(OFFICIAL_SCHEMAS).sort()).toEqual(shipped);
  });

  it('validate what the official full-message schema accepts and refuse what it refuses (handout examples and samples)', () => {
    const validator = createSchemaValidator();
    const eda = readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj;
    const ref = readHandoutJson('envelope-examples', 'RC-REF-in-envelope.json') as Obj;
    expect(validator.validate(eda, 'createCaseHealth')).toBeNull();
    expect(validator.validate(ref, 'reference')).toBeNull();
    // Every official sample payload, put in the example's envelope.
    const message = (e: Obj) => (e.content as Array<{ jsonContent: { embeddedJsonContent: { message: Obj } } }>)[0]!.jsonContent.embeddedJsonContent.message;
    for (const [kind, key] of [['RS-EDA', 'createCaseHealth'], ['RS-EDA-MAJ', 'createCaseHealthUpdate'], ['RS-SAS-RDV', 'appointment'], ['RS-ERROR', 'error'], ['RC-REF', 'reference']] as const) {
      for (const file of sampleFiles(kind)) {
        const sample = readHandoutJson('samples', kind, file) as Obj;
        const e = structuredClone(eda);
        delete message(e).createCaseHealth;
        message(e)[key] = sample[key];
        expect(validator.validate(e, key), `${kind}/${file}`).toBeNull();
      }
    }
    const deep = structuredClone(eda);
    (message(deep).createCaseHealth as Obj).unexpected = 1;
    expect(validator.validate(deep, 'createCaseHealth')).toMatch(/additional properties/);
    expect(validator.officialPayloadKeys).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...validator.officialPayloadKeys]).toEqual(expect.arrayContaining(['createCaseHealth', 'reference', 'error', 'emsi', 'appointment']));
  });

  it('a payload Plateau does not read (EMSI) is refused before any schema is needed', () => {
    const eda = readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj;
    const e = structuredClone(eda);
    const m = (e.content as Array<{ jsonContent: { embeddedJsonContent: { message: Obj } } }>)[0]!.jsonContent.embeddedJsonContent.message;
    m.emsi = m.createCaseHealth;
    delete m.createCaseHealth;
    expect(parseInbound(Buffer.from(JSON.stringify(e)))).toMatchObject({ ok: false, stage: 'payload', problem: 'payload emsi is not one Plateau reads' });
  });
});
