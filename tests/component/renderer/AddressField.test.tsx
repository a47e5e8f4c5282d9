import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import { AddressField } from '../../../renderer/src/components/AddressField';
import { initI18n } from '../../../renderer/src/i18n';
import { useDraftStore } from '../../../renderer/src/stores/draftStore';

const dossierId = '0190a000-0000-7000-8000-000000000001';
const candidate = (n: number) => ({ label: `${n} Rue de la République 69002 Lyon`, houseNumber: String(n), street: 'Rue de la République', postcode: '69002', city: 'Lyon', inseeCode: '69382', lat: 45.76, lon: 4.83, precision: 'ADRESSE' });
let results = [candidate(10), candidate(12), candidate(14)];
const searchAddress = vi.fn(async () => ({ ok: true as const, value: { source: 'BAN' as const, degraded: null, offlineIndex: true, results } }));
const setLocation = vi.fn(async () => ({ ok: true as const, value: { id: dossierId, location: null, priority: 'P2' } }));
const packStatus = vi.fn(async () => ({ ok: true as const, value: { ages: [] } }));

function field(): HTMLInputElement {
  return screen.getByRole('combobox') as HTMLInputElement;
}

/** Types a query and waits for its answer (the field waits 120 ms after the last key). */
async function search(text: string, expected: number): Promise<void> {
  fireEvent.change(field(), { target: { value: text } });
  await waitFor(() => expect(screen.queryAllByRole('option')).toHaveLength(expected));
}

describe('the address field’s list keyboard', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    results = [candidate(10), candidate(12), candidate(14)];
    searchAddress.mockClear();
    setLocation.mockClear();
    Object.defineProperty(window, 'plateau', { configurable: true, value: { searchAddress, setLocation, packStatus } as unknown as PlateauApi });
    useDraftStore.setState({ draft: { ...useDraftStore.getState().draft, saved: { id: dossierId, location: null, priority: 'P2' } } } as never);
  });
  afterEach(cleanup);

  it('↓ ↑ move the cursor within the list, never past its ends; Entrée locates the dossier at the one under it', async () => {
    render(<AddressField />);
    await search('rue de la rep', 3);
    const selected = () => screen.getAllByRole('option').findIndex((o) => o.getAttribute('aria-selected') === 'true');
    expect(selected()).toBe(0);
    expect(field().getAttribute('aria-activedescendant')).toBe('address-0');
    for (let i = 0; i < 4; i++) fireEvent.keyDown(field(), { key: 'ArrowDown' });
    expect(selected()).toBe(2);
    expect(field().getAttribute('aria-activedescendant')).toBe('address-2');
    fireEvent.keyDown(field(), { key: 'ArrowUp' });
    expect(selected()).toBe(1);
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(setLocation).toHaveBeenCalledWith({ dossierId, address: candidate(12), source: 'BAN' }));
    await waitFor(() => expect(field().value).toBe('12 Rue de la République 69002 Lyon'));
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  it('a new answer puts the cursor back on its first line', async () => {
    render(<AddressField />);
    await search('rue de la rep', 3);
    fireEvent.keyDown(field(), { key: 'ArrowDown' });
    fireEvent.keyDown(field(), { key: 'ArrowDown' });
    results = [candidate(20), candidate(22)];
    await search('rue de la repu', 2);
    await waitFor(() => expect(field().getAttribute('aria-activedescendant')).toBe('address-0'));
    expect(screen.getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('Entrée with nothing found locates nothing', async () => {
    results = [];
    render(<AddressField />);
    fireEvent.change(field(), { target: { value: 'nulle part' } });
    await waitFor(() => expect(searchAddress).toHaveBeenCalled());
    fireEvent.keyDown(field(), { key: 'ArrowDown' });
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect(setLocation).not.toHaveBeenCalled();
    expect(field().getAttribute('aria-activedescendant')).toBeNull();
  });
});
