/**
 * Group commit (and its read twin, batched lookups): requests that arrive while a write is at the database wait for it, then go
 * together in the next one. At low load every request is written at once, alone (no added
 * wait); under a rush one transaction (one lock of the hot counter row, one WAL flush) carries
 * up to `max` of them. `parallel` groups may be at the database at once.
 */
export class GroupCommit<T, R> {
  private waiting: { item: T; resolve: (r: R) => void; reject: (err: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly max: number,
    private readonly parallel: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // Requests answered by the same turn of the event loop (one database reply resolving many) join one group.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Requests waiting for a group (not counting those being written). */
  get queued(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.running < this.parallel && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.max);
      this.running++;
      this.write(group.map((g) => g.item))
        .then(
          (results) => group.forEach((g, i) => g.resolve(results[i]!)),
          (err: unknown) => group.forEach((g) => g.reject(err)),
        )
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
