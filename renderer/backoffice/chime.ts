/**
 * A short two-note chime when a dossier arrives, made with Web Audio (no sound file: the page's
 * CSP allows no media source). Browsers start audio only after a click on the page; the officer
 * has clicked to sign in, so by then it may sound. Silence is fine where it cannot.
 */
let context: AudioContext | null = null;

export function playChime(): void {
  try {
    if (typeof window.AudioContext !== 'function') return;
    context ??= new window.AudioContext();
    const audio = context;
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    const start = audio.currentTime + 0.02;
    [659.25, 987.77].forEach((frequency, i) => {
      const at = start + i * 0.18;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.45);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.5);
    });
  } catch {
    // No audio device, or the browser refused: the toast and the title still tell.
  }
}
