import type { SlotSearch } from '../orientation/slotSearch';
import type { AuthService } from '../auth/authService';
import type { PscSignIn } from '../auth/psc/pscSignIn';
import type { DossierService } from '../dossiers/dossierService';
import type { CallbackService } from '../regulation/callbackService';
import type { RegulationService } from '../regulation/regulationService';
import type { ReportService } from '../regulation/reportService';
import type { AddressService } from '../geo/addressService';
import type { ManualLocationService } from '../geo/manualLocationService';
import type { Journal } from '../journal/journal';
import type { WorkstationConfig } from '../config/workstationConfig';
import type { RendererMediaPort } from '../telephony/rendererMediaPort';
import type { Softphone } from '../telephony/softphone';
import type { HubService } from '../hub/hubService';
import type { ShareService } from '../hub/shareService';
import type { SiteSync } from '../sync/siteSync';
import type { UpdateService } from '../update/updateService';
import type { ConfigProvenance } from '../../../shared/api/itSchemas';
import type { PharmacyService } from '../orientation/pharmacyService';
import type { PractitionerDirectory } from '../orientation/practitionerDirectory';
import type { ReferencePacks } from '../reference/referencePacks';
import type { IndicatorService } from '../indicators/indicatorService';
import type { LanguageChoice } from '../config/languageChoice';

/** What the handlers reach: the services, built once by composition.ts. */
export interface ApiServices {
  auth: AuthService;
  dossiers: DossierService;
  /** "Partager avec…" (issue 13 §6). */
  shares: ShareService;
  regulation: RegulationService;
  callbacks: CallbackService;
  reports: ReportService;
  indicators: IndicatorService;
  addresses: AddressService;
  /** Places no index knows, entered by hand (issue 13 item 9). */
  manualLocations: ManualLocationService;
  /** Offline reference packs (issue 14), the pharmacy on duty and the practitioners read from them. */
  packs: ReferencePacks;
  pharmacies: PharmacyService;
  practitioners: PractitionerDirectory;
  slots: SlotSearch;
  journal: Journal;
  config: WorkstationConfig;
  /** Null when the workstation has no softphone configured. */
  telephony: Softphone | null;
  /** The renderer media bridge, when the softphone uses it (not under Node tests). */
  media: RendererMediaPort | null;
  actor: () => { id: string; role: string };
  /** Absent when the workstation has no Hub Santé configuration. */
  hub: HubService | null;
  /** Absent on a standalone desk (no `site` section). */
  site: SiteSync | null;
  /** Tells the screens a dossier changed (what a handler writes itself, outside a service that says it). */
  dossierChanged: (dossierId: string, seq: number) => void;
  updates: UpdateService;
  /** Where each setting of `config` came from (configSources.ts). */
  provenance: ConfigProvenance;
  /** What the login screen advises for the first account on this workstation. */
  firstAdminCommand: string;
  /** The operators' last choice of language on this workstation. */
  languageChoice: LanguageChoice;
  /** Pro Santé Connect sign-in; absent or null when the workstation has no `psc` section. */
  psc?: PscSignIn | null;
}
