import edxlFull from '../../../resources/hubsante/json-schema/EDXL-DE-full.schema.json' with { type: 'json' };
import rcDe from '../../../resources/hubsante/json-schema/RC-DE.schema.json' with { type: 'json' };
import rcRef from '../../../resources/hubsante/json-schema/RC-REF.schema.json' with { type: 'json' };
import rsEdaMaj from '../../../resources/hubsante/json-schema/RS-EDA-MAJ.schema.json' with { type: 'json' };
import rsEda from '../../../resources/hubsante/json-schema/RS-EDA.schema.json' with { type: 'json' };
import rsError from '../../../resources/hubsante/json-schema/RS-ERROR.schema.json' with { type: 'json' };
import rsSasRdv from '../../../resources/hubsante/json-schema/RS-SAS-RDV.schema.json' with { type: 'json' };

/**
 * The official Hub Santé schemas the inbox validates with, bundled into the app (copied from the
 * handout by `npm run schemas:copy`; a test checks they are the official files byte for byte).
 * Static imports: the main bundle carries them, nothing is read from disk at run time.
 */
export const OFFICIAL_SCHEMAS: Readonly<Record<string, object>> = {
  'EDXL-DE-full.schema.json': edxlFull,
  'RC-DE.schema.json': rcDe,
  'RC-REF.schema.json': rcRef,
  'RS-EDA-MAJ.schema.json': rsEdaMaj,
  'RS-EDA.schema.json': rsEda,
  'RS-ERROR.schema.json': rsError,
  'RS-SAS-RDV.schema.json': rsSasRdv,
};
