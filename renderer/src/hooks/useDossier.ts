import { useEffect, useState } from 'react';
import type { Dossier } from '../../../shared/domain/dossier';
import { backend } from '../api/backend';

/** One dossier read for a panel that shows it; an answer for a dossier no longer shown is dropped. */
export function useDossier(dossierId: string): Dossier | null {
  const [dossier, setDossier] = useState<Dossier | null>(null);
  useEffect(() => {
    let current = true;
    void backend.getDossier({ dossierId }).then((r) => current && r.ok && setDossier(r.value));
    return () => {
      current = false;
    };
  }, [dossierId]);
  return dossier;
}
