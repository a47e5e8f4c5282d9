import { downloadArtefact } from './artefactDownload';
import type { UpdateAgent, UpdateOffer } from './updateService';

/**
 * The update agent outside the packaged app (the browser harness, the tests): downloads over
 * plain HTTP with the feed's checks, and never installs — a source checkout is updated by git.
 */
export class HttpUpdateAgent implements UpdateAgent {
  readonly canInstall = false;
  constructor(private readonly options: { dir: string; fetch?: typeof fetch }) {}

  download(offer: UpdateOffer): Promise<string> {
    const base = offer.feedUrl.endsWith('/') ? offer.feedUrl : `${offer.feedUrl}/`;
    return downloadArtefact(new URL(offer.file.url, base).toString(), offer.file, this.options.dir, this.options.fetch ? { fetch: this.options.fetch } : {});
  }

  install(): void {
    throw new Error('installing is the packaged app’s job');
  }

  installOnQuit(): void {
    // Nothing to install at quit outside the packaged app.
  }
}
