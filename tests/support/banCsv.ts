import { writeFileSync } from 'node:fs';

export const BAN_HEADER =
  'id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles';

const STREETS = [
  ['Rue de la République', '69002', '69382', 'Lyon'],
  ['Avenue Jean Jaurès', '69007', '69387', 'Lyon'],
  ['Place Bellecour', '69002', '69382', 'Lyon'],
  ['Rue Émile Zola', '69100', '69266', 'Villeurbanne'],
  ['Chemin des Étangs', '69230', '69202', 'Saint-Genis-Laval'],
] as const;

const TYPES = ['Rue', 'Avenue', 'Chemin', 'Impasse', 'Boulevard', 'Allée', 'Route', 'Place'];
const NAMES = ['Victor Hugo', 'des Lilas', 'Pasteur', 'de la Gare', 'Jean Moulin', 'du Moulin', 'des Écoles', 'de l’Église', 'Gambetta', 'de la Paix', 'des Vignes', 'du Stade', 'Voltaire', 'Molière', 'des Acacias', 'du Lavoir', 'de Verdun', 'Carnot', 'des Tilleuls', 'Saint-Exupéry'];

/** Street list of a département-like file: `streets` streets over `streets / 40` communes. */
function manyStreets(streets: number): Array<readonly [string, string, string, string]> {
  return Array.from({ length: streets }, (_, i) => {
    const commune = Math.floor(i / 40);
    const name = `${TYPES[i % TYPES.length]} ${NAMES[Math.floor(i / TYPES.length) % NAMES.length]}${i >= TYPES.length * NAMES.length ? ` ${Math.floor(i / (TYPES.length * NAMES.length)) + 1}` : ''}`;
    return [name, `69${String(100 + (commune % 800)).padStart(3, '0')}`, `69${String(1 + commune).padStart(3, '0')}`, `Commune ${commune + 1}`] as const;
  });
}

/**
 * A BAN-shaped address file of `rows` lines. By default over a few real-looking Lyon streets
 * (for tests); with `streets`, spread over that many streets as a département file is.
 */
export function writeBanCsv(path: string, rows: number, streets?: number): void {
  const list = streets ? manyStreets(streets) : STREETS;
  const lines = [BAN_HEADER];
  for (let i = 0; i < rows; i++) {
    const [voie, cp, insee, commune] = list[i % list.length]!;
    const numero = Math.floor(i / list.length) + 1;
    const rep = i % 7 === 0 ? 'bis' : '';
    const lon = (4.8 + (i % 100) / 1000).toFixed(6);
    const lat = (45.7 + (i % 77) / 1000).toFixed(6);
    lines.push(`${insee}_x_${numero};;${numero};${rep};${voie};${cp};${insee};${commune};;;0;0;${lon};${lat};entrée;;;${commune.toUpperCase()};${voie.toUpperCase()};commune;commune;1;`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
