/**
 * Every replica of the lab shares this machine's cores, and a Node service spends about a second
 * of CPU starting. Starting many at once (a scale-out from 3 to 10 of two services) would starve
 * the replicas already serving. A node has a start capacity too; the lab's is this many replicas
 * starting at a time, the others waiting as Pending.
 */
export class StartSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.free -= 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.free += 1;
          this.waiting.shift()?.();
        });
      };
      if (this.free > 0) grant();
      else this.waiting.push(grant);
    });
  }
}
