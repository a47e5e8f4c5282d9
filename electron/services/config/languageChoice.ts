import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../../shared/i18n';

/**
 * The language the operators last chose on this workstation, kept beside the journal so it
 * survives a restart; without a choice the workstation's configured `language` applies. A file
 * that cannot be read (absent, damaged, a language this version no longer has) is no choice.
 */
export class LanguageChoice {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'language.json');
  }

  get(): Language | null {
    try {
      const value = (JSON.parse(readFileSync(this.file, 'utf8')) as { language?: unknown }).language;
      return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : null;
    } catch {
      return null;
    }
  }

  /** Written whole then renamed: a crash leaves the old choice or the new one, never half a file. */
  set(language: Language): void {
    mkdirSync(join(this.file, '..'), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ language }));
    renameSync(temporary, this.file);
  }
}
