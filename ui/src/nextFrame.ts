// Work done once in the next frame, however often it is asked for before then: the painter, the
// virtual lists and the hover tip each coalesce their updates this way.

export class NextFrame {
  private id: number | null = null;

  constructor(private readonly run: () => void) {}

  /** Runs the work in the next frame (at once where there are no frames: tests). */
  request(): void {
    if (this.id !== null) return;
    if (typeof requestAnimationFrame === "undefined") {
      this.run();
      return;
    }
    this.id = requestAnimationFrame(() => {
      this.id = null;
      this.run();
    });
  }

  /** Forgets a request not run yet. */
  cancel(): void {
    if (this.id !== null) cancelAnimationFrame(this.id);
    this.id = null;
  }
}
