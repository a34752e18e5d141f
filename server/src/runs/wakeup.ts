/** A level-triggered wake-up: a poke before `wait` is not lost, and `wait` gives up after `ms`. */
export class Wakeup {
  private poked = false;
  private resolve: (() => void) | undefined;

  poke(): void {
    this.poked = true;
    this.resolve?.();
  }

  async wait(ms: number): Promise<void> {
    if (!this.poked) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.resolve = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.resolve = undefined;
    }
    this.poked = false;
  }
}
