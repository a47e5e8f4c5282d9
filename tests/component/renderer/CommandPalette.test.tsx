import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../../renderer/src/commands/command';
import { CommandPalette } from '../../../renderer/src/components/CommandPalette';
import { initI18n } from '../../../renderer/src/i18n';

describe('CommandPalette', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(cleanup);

  const commands = (): Command[] => [
    { id: 'dossier.new', labelKey: 'commands.newDossier', shortcut: { code: 'F2' }, run: vi.fn() },
    { id: 'help.open', labelKey: 'commands.help', shortcut: { code: 'F1' }, run: vi.fn() },
    { id: 'theme.light', labelKey: 'commands.themeLight', run: vi.fn() },
    { id: 'disabled', labelKey: 'commands.saveDossier', enabled: () => false, run: vi.fn() },
  ];

  it('focuses its search, lists enabled commands with their shortcut hints', () => {
    render(<CommandPalette commands={commands()} onClose={() => undefined} />);
    expect(screen.getByLabelText('Rechercher une commande')).toBe(document.activeElement);
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Nouveau dossierF2', 'Aide : raccourcis clavierF1', 'Thème clair']);
  });

  it('filters without caring for accents or case, and runs the chosen command with Enter', () => {
    const list = commands();
    const onClose = vi.fn();
    render(<CommandPalette commands={list} onClose={onClose} />);
    const input = screen.getByLabelText('Rechercher une commande');
    fireEvent.change(input, { target: { value: 'THEME' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Thème clair']);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(list[2]!.run).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('moves with the arrows and closes with Escape without running anything', () => {
    const list = commands();
    const onClose = vi.fn();
    render(<CommandPalette commands={list} onClose={onClose} />);
    const input = screen.getByLabelText('Rechercher une commande');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
    for (const c of list) expect(c.run).not.toHaveBeenCalled();
  });

  it('gives focus back to where it was when it closes', () => {
    function Host() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <input aria-label="Motif" onKeyDown={(e) => e.key === 'k' && setOpen(true)} />
          {open && <CommandPalette commands={commands()} onClose={() => setOpen(false)} />}
        </>
      );
    }
    render(<Host />);
    const field = screen.getByLabelText('Motif');
    field.focus();
    fireEvent.keyDown(field, { key: 'k' });
    const search = screen.getByLabelText('Rechercher une commande');
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(field);
  });
});
