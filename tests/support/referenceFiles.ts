import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { BAN_HEADER } from './banCsv';
import { wgs84ToLambert93 } from '../../shared/domain/lambert93';

/**
 * Small files in the published formats of the reference packs (issue 14), for tests and benches.
 */

/** The header of "PS_LibreAcces_Personne_activite_<date>.txt" as published (with its trailing pipe). */
export const RPPS_HEADER = [
  "Type d'identifiant PP", 'Identifiant PP', 'Identification nationale PP', "Code civilité d'exercice", "Libellé civilité d'exercice", 'Code civilité', 'Libellé civilité',
  "Nom d'exercice", "Prénom d'exercice", 'Code profession', 'Libellé profession', 'Code catégorie professionnelle', 'Libellé catégorie professionnelle',
  'Code type savoir-faire', 'Libellé type savoir-faire', 'Code savoir-faire', 'Libellé savoir-faire', 'Code mode exercice', 'Libellé mode exercice',
  'Numéro SIRET site', 'Numéro SIREN site', 'Numéro FINESS site', 'Numéro FINESS établissement juridique', 'Identifiant technique de la structure',
  'Raison sociale site', 'Enseigne commerciale site', 'Complément destinataire (coord. structure)', 'Complément point géographique (coord. structure)',
  'Numéro Voie (coord. structure)', 'Indice répétition voie (coord. structure)', 'Code type de voie (coord. structure)', 'Libellé type de voie (coord. structure)',
  'Libellé Voie (coord. structure)', 'Mention distribution (coord. structure)', 'Bureau cedex (coord. structure)', 'Code postal (coord. structure)',
  'Code commune (coord. structure)', 'Libellé commune (coord. structure)', 'Code pays (coord. structure)', 'Libellé pays (coord. structure)',
  'Téléphone (coord. structure)', 'Téléphone 2 (coord. structure)', 'Télécopie (coord. structure)', 'Adresse e-mail (coord. structure)',
  'Code Département (structure)', 'Libellé Département (structure)', 'Ancien identifiant de la structure', "Autorité d'enregistrement",
  "Code secteur d'activité", "Libellé secteur d'activité", 'Code section tableau pharmaciens', 'Libellé section tableau pharmaciens', 'Code rôle', 'Libellé rôle', 'Code genre activité', 'Libellé genre activité',
];

/** An 11-digit RPPS number with its Luhn key, from a serial. */
export function rppsNumber(serial: number): string {
  const body = `1${String(serial).padStart(9, '0')}`;
  for (let key = 0; key < 10; key += 1) {
    const candidate = `${body}${key}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i += 1) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

export function rppsLine(serial: number, overrides: Partial<Record<string, string>> = {}): string {
  const v: Record<string, string> = {
    "Type d'identifiant PP": '8', 'Identifiant PP': rppsNumber(serial), 'Identification nationale PP': `8${rppsNumber(serial)}`,
    "Nom d'exercice": `MARTIN${serial}`, "Prénom d'exercice": 'Claire', 'Code profession': '10', 'Libellé profession': 'Médecin',
    'Libellé savoir-faire': 'Médecine Générale', 'Raison sociale site': 'Cabinet du Vieux Bourg', 'Numéro Voie (coord. structure)': '12',
    'Libellé type de voie (coord. structure)': 'Rue', 'Libellé Voie (coord. structure)': 'de la Mairie', 'Code postal (coord. structure)': '69690',
    'Code commune (coord. structure)': '69027', 'Libellé commune (coord. structure)': 'Brussieu', 'Téléphone (coord. structure)': '0478000000',
    ...overrides,
  };
  return `${RPPS_HEADER.map((h) => v[h] ?? '').join('|')}|`;
}

/** A PS_LibreAcces extraction of `count` practitioners (streamed: the bench writes a million). */
export async function writeRppsFile(path: string, count: number, extraLines: string[] = []): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${RPPS_HEADER.join('|')}|\n`);
  for (let i = 0; i < count; i += 1) {
    if (!out.write(`${rppsLine(i)}\n`)) await once(out, 'drain');
  }
  for (const line of extraLines) out.write(`${line}\n`);
  out.end();
  await once(out, 'finish');
}

export interface FinessPharmacy {
  finess: string;
  name: string;
  numvoie?: string;
  typvoie?: string;
  voie: string;
  departement: string;
  commune: string;
  acheminement: string;
  telephone: string;
  /** Lambert-93; absent: no geolocalisation line. */
  x?: number;
  y?: number;
  category?: string;
}

export function finessStructureLine(p: FinessPharmacy): string {
  const f = new Array<string>(32).fill('');
  f[0] = 'structureet';
  f[1] = p.finess;
  f[2] = `${p.finess.slice(0, 2)}0000000`;
  f[3] = p.name.toUpperCase().slice(0, 38);
  f[4] = p.name;
  f[7] = p.numvoie ?? '';
  f[8] = p.typvoie ?? 'R';
  f[9] = p.voie;
  f[12] = p.commune;
  f[13] = p.departement;
  f[14] = 'RHONE';
  f[15] = p.acheminement;
  f[16] = p.telephone;
  f[18] = p.category ?? '620';
  f[19] = p.category && p.category !== '620' ? 'Autre' : 'Pharmacie d\'Officine';
  f[28] = '1990-01-01';
  return f.join(';');
}

/** An etalab FINESS extraction: header line, structureet lines, then geolocalisation lines. */
export function writeFinessFile(path: string, date: string, pharmacies: FinessPharmacy[], extraLines: string[] = []): void {
  const lines = [`finess;etalab;100;${date}`, ...pharmacies.map(finessStructureLine), ...extraLines];
  for (const p of pharmacies) {
    if (p.x !== undefined && p.y !== undefined) lines.push(`geolocalisation;${p.finess};${p.x.toFixed(1)};${p.y.toFixed(1)};1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;${date}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export function writeRotaCsv(path: string, duties: Array<[finess: string, start: string, end: string]>, extraLines: string[] = []): void {
  writeFileSync(path, `finess;debut;fin;source\n${duties.map((d) => `${d.join(';')};ARS ARA`).join('\n')}\n${extraLines.join('\n')}`);
}

export function writeRotaIcs(path: string, duties: Array<[finess: string, start: string, end: string]>): void {
  const events = duties.map(([finess, start, end], i) => ['BEGIN:VEVENT', `UID:garde-${i}@ars`, `DTSTAMP:20261201T000000Z`, `DTSTART;TZID=Europe/Paris:${start}`, `DTEND;TZID=Europe/Paris:${end}`, 'SUMMARY:Pharmacie de garde', `LOCATION:Pharmacie du Bourg`, ` FINESS ${finess}`].join('\r\n').replace('\r\n FINESS', ',\r\n  FINESS'));
  writeFileSync(path, ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ARS//Gardes//FR', ...events.flatMap((e) => [e, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n'));
}

const l93 = (lon: number, lat: number) => wgs84ToLambert93(lon, lat);
/** Three officines around Brussieu (Monts du Lyonnais), one without a position, and a hospital (not an officine). */
export const VILLAGE_PHARMACIES: FinessPharmacy[] = [
  { finess: '690000011', name: 'Pharmacie du Bourg', numvoie: '3', voie: 'PLACE DE L EGLISE', departement: '69', commune: '027', acheminement: '69690 BRUSSIEU', telephone: '0478451010', ...l93(4.5342, 45.7456) },
  { finess: '690000029', name: 'Pharmacie des Monts', numvoie: '8', voie: 'GRANDE RUE', departement: '69', commune: '021', acheminement: '69690 BESSENAY', telephone: '0474701212', ...l93(4.5539, 45.7772) },
  { finess: '690000037', name: 'Pharmacie Sans Position', voie: 'RUE DU PONT', departement: '69', commune: '100', acheminement: '69210 L ARBRESLE', telephone: '0474010101' },
  { finess: '690000045', name: 'Centre Hospitalier', voie: 'RUE DE L HOPITAL', departement: '69', commune: '100', acheminement: '69210 L ARBRESLE', telephone: '0474010000', category: '355', ...l93(4.61, 45.83) },
];

/**
 * Sunday 6 December 2026 in the Monts du Lyonnais: the BAN line of the caller's street in
 * Brussieu, the département's officines (FINESS of 2 December) and the weekend's duty rota, with
 * a gap on Monday morning. Returns the files, for the harness's --ban-csv and --pack options.
 */
export function writeVillageScene(dir: string): { ban: string; pharmacies: string; rotas: string; rpps: string } {
  // The RPPS extraction of 1 October: past the practitioners' 60 days on that Sunday.
  const files = { ban: join(dir, 'adresses-69.csv'), pharmacies: join(dir, 'finess-69.csv'), rotas: join(dir, 'gardes-69.csv'), rpps: join(dir, 'PS_LibreAcces_Personne_activite_202610010830.txt') };
  writeFileSync(files.ban, `${BAN_HEADER}\n${[5, 7, 12].map((n) => `69027_0420_${String(n).padStart(5, '0')};;${n};;Route de la Vallée;69690;69027;Brussieu;;;0;0;4.530${n};45.7461;entrée;;;BRUSSIEU;ROUTE DE LA VALLEE;commune;commune;1;`).join('\n')}\n`);
  writeFinessFile(files.pharmacies, '2026-12-02', VILLAGE_PHARMACIES);
  writeRotaCsv(files.rotas, [
    ['690000029', '2026-12-05 19:00', '2026-12-07 09:00'],
    ['690000011', '2026-12-06 19:00', '2026-12-07 09:00'],
    ['690000037', '2026-12-06 19:00', '2026-12-07 09:00'],
    ['690000011', '2026-12-07 12:00', '2026-12-07 19:00'],
  ]);
  writeFileSync(files.rpps, `${[`${RPPS_HEADER.join('|')}|`, ...VILLAGE_PRACTITIONERS].join('\n')}\n`);
  return files;
}

/** The village's practitioners in the RPPS extraction: a GP at two places, a nurse, a pharmacist. */
export const VILLAGE_PRACTITIONERS = [
  rppsLine(2001, { "Nom d'exercice": 'FORÊT', "Prénom d'exercice": 'Claire', 'Téléphone (coord. structure)': '04 78 45 20 01' }),
  rppsLine(2001, { "Nom d'exercice": 'FORÊT', "Prénom d'exercice": 'Claire', 'Raison sociale site': 'Maison de santé des Monts', 'Numéro Voie (coord. structure)': '2', 'Libellé type de voie (coord. structure)': '', 'Libellé Voie (coord. structure)': 'Grande Rue', 'Code postal (coord. structure)': '69690', 'Libellé commune (coord. structure)': 'Bessenay', 'Téléphone (coord. structure)': '0474702002' }),
  rppsLine(2002, { "Nom d'exercice": 'MARTIN', "Prénom d'exercice": 'Paul', 'Code profession': '60', 'Libellé profession': 'Infirmier', 'Libellé savoir-faire': '', 'Téléphone (coord. structure)': '' }),
  rppsLine(2003, { "Nom d'exercice": 'DUBOIS', "Prénom d'exercice": 'Anne', 'Code profession': '21', 'Libellé profession': 'Pharmacien', 'Libellé savoir-faire': '', 'Raison sociale site': 'Pharmacie du Bourg' }),
];

/** 23:40 on that Sunday in Lyon. */
export const VILLAGE_SUNDAY_NIGHT = '2026-12-06T22:40:00.000Z';
