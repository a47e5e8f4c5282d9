let context: AudioContext | null = null;
let sounded = 0;

/**
 * Two short tones (Web Audio, no sound file to ship): an alert heard by someone looking at
 * another screen. Never throws: a desk without an audio output still shows the alert.
 */
export function beep(): void {
  sounded += 1;
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    for (const [offset, frequency] of [[0, 880], [0.25, 660]] as const) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.2);
      osc.connect(gain).connect(context.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.2);
    }
  } catch (error) {
    console.warn('[beep] no audio output', error);
  }
}

/** How many alert tones this window has played (shown on the banner, so a test can hear it). */
export function beepsSounded(): number {
  return sounded;
}
