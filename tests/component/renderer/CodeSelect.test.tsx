import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CodeSelect } from '../../../renderer/src/components/CodeSelect';
import { initI18n } from '../../../renderer/src/i18n';

/** The code picker: found by words, chosen once, by the keyboard, as a WAI-ARIA combobox. */
describe('code picker', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  const options = () => screen.queryAllByRole('option').map((o) => o.textContent);

  it('finds a motive by words; typing changes nothing, Entrée chooses once', () => {
    const onChange = vi.fn();
    render(<CodeSelect id="m" list="motif" value={null} emptyLabel="—" onChange={onChange} />);
    const field = screen.getByRole('combobox');
    for (const text of ['d', 'do', 'dou', 'doul', 'doule', 'douleu', 'douleur']) fireEvent.change(field, { target: { value: text } });
    expect(field.getAttribute('aria-expanded')).toBe('true');
    expect(options().some((o) => o?.includes('Douleur thoracique'))).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: 'douleur thora' } });
    expect(field.getAttribute('aria-activedescendant')).toBe('m-opt-M03.06');
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('M03.06');
    expect(field.getAttribute('aria-expanded')).toBe('false');
  });

  it('arrows move the cursor, Échap closes without choosing and gives the field back', () => {
    const onChange = vi.fn();
    render(<CodeSelect id="m" list="motif" value="M03.20" emptyLabel="—" onChange={onChange} />);
    const field = screen.getByRole('combobox') as HTMLInputElement;
    expect(field.value).toBe('M03.20');
    expect(screen.getByTestId('m-label').textContent).toBe('Douleur abdominale isolée');
    fireEvent.change(field, { target: { value: 'douleur' } });
    const first = field.getAttribute('aria-activedescendant');
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(field.getAttribute('aria-activedescendant')).not.toBe(first);
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    expect(field.getAttribute('aria-activedescendant')).toBe(first);
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(field.value).toBe('M03.20');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('lists French first among the languages, then the recent choices first', () => {
    const onChange = vi.fn();
    const { unmount } = render(<CodeSelect id="l" list="langue" value={null} emptyLabel="—" onChange={onChange} />);
    const field = screen.getByRole('combobox');
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(options().slice(0, 2)).toEqual(['français fr', 'anglais en']);
    fireEvent.change(field, { target: { value: 'arab' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledWith('ar');
    unmount();
    render(<CodeSelect id="l" list="langue" value={null} emptyLabel="—" onChange={onChange} />);
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'ArrowDown' });
    expect(options().slice(0, 3)).toEqual(['arabe ar', 'français fr', 'anglais en']);
  });

  it('clears the value with the empty choice, and Tab after typing takes the best match', () => {
    const onChange = vi.fn();
    const { rerender } = render(<CodeSelect id="t" list="typeAppelant" value="SUJET" emptyLabel="—" onChange={onChange} />);
    const field = screen.getByRole('combobox');
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    // The list opened on the current value; one up is the empty choice.
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith(null);
    rerender(<CodeSelect id="t" list="typeAppelant" value={null} emptyLabel="—" onChange={onChange} />);
    fireEvent.change(field, { target: { value: 'fam' } });
    fireEvent.keyDown(field, { key: 'Tab' });
    expect(onChange).toHaveBeenLastCalledWith('FAMILLE');
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('shows the official label beside the code, without the nomenclature’s "#"', () => {
    render(<CodeSelect id="d" list="typeDecision" value="CONSEIL" onChange={vi.fn()} />);
    expect(screen.getByTestId('d-label').textContent).toBe('Conseil Médical');
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'ArrowDown' });
    expect(options()).toContain('Intervention INTER');
    expect(options().join(' ')).not.toContain('#');
  });

  it('completes the start of a code in the field, the rest selected', () => {
    const onChange = vi.fn();
    render(<CodeSelect id="o" list="typeOrientation" value={null} emptyLabel="—" onChange={onChange} />);
    const field = screen.getByRole('combobox') as HTMLInputElement;
    field.focus();
    fireEvent.change(field, { target: { value: 'CAB' } });
    expect(field.value).toBe('CABINET');
    expect([field.selectionStart, field.selectionEnd]).toEqual([3, 7]);
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledExactlyOnceWith('CABINET');
  });
});
