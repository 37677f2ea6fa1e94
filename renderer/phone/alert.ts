/**
 * The call alert: a short two-tone beep through Web Audio and a vibration. Browsers start audio
 * only after a tap, so the citizen turns sound on once ("Bật âm báo"), which also plays a beep to
 * prove it works; vibration needs no tap where the phone supports it.
 */
export class CallAlert {
  private ctx: AudioContext | null = null;

  get soundOn(): boolean {
    return this.ctx !== null && this.ctx.state === 'running';
  }

  async enableSound(): Promise<boolean> {
    if (!this.ctx) {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return false;
      this.ctx = new Ctor();
    }
    await this.ctx.resume();
    this.beep();
    return this.soundOn;
  }

  disableSound(): void {
    void this.ctx?.close();
    this.ctx = null;
  }

  ring(): void {
    if (this.soundOn) this.beep();
    if ('vibrate' in navigator) navigator.vibrate([400, 150, 400, 150, 400]);
  }

  private beep(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const t = ctx.currentTime;
    for (const [i, freq] of [880, 660, 880].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t + i * 0.3);
      gain.gain.exponentialRampToValueAtTime(0.4, t + i * 0.3 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.3 + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t + i * 0.3);
      osc.stop(t + i * 0.3 + 0.27);
    }
  }
}
