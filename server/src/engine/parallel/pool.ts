import type { Worker } from "node:worker_threads";
import type { FileOutcome, FileTask } from "./file-task";
import type { ResultMessage, TaskMessage, WorkerSetup } from "./protocol";
import { startWorker } from "./worker-script";

/** Tasks held by one worker at a time: the next is ready when one finishes, and no worker hoards. */
const IN_FLIGHT_PER_WORKER = 2;

interface Waiting {
  task: FileTask;
  resolve(outcome: FileOutcome): void;
  reject(err: Error): void;
}

/** The tasks (by index) a worker has still to take: next up to end. */
interface Share {
  next: number;
  end: number;
}

interface Member {
  worker: Worker;
  held: Set<number>;
  share: Share;
  alive: boolean;
}

/**
 * A fixed set of worker threads analysing one scan's files. Each worker walks its own contiguous
 * share of the list, so the modules a folder's files import are summarised by one worker rather
 * than by all; a worker that finishes its share takes half of the largest share left, so a slow
 * file holds back no other. A task's promise rejects when the worker holding it failed (the caller
 * can then analyse the file itself).
 */
export class WorkerPool {
  private readonly members: Member[] = [];
  private tasks: Waiting[] = [];

  constructor(size: number, setup: WorkerSetup) {
    for (let i = 0; i < size; i++) this.members.push(this.start(setup));
  }

  /** Starts analysing `tasks`; the promises settle in any order. Call once. */
  runAll(tasks: FileTask[]): Promise<FileOutcome>[] {
    const promises = tasks.map((task) => new Promise<FileOutcome>((resolve, reject) => this.tasks.push({ task, resolve, reject })));
    const size = Math.ceil(tasks.length / this.members.length);
    this.members.forEach((m, i) => (m.share = { next: Math.min(tasks.length, i * size), end: Math.min(tasks.length, (i + 1) * size) }));
    if (!this.members.some((m) => m.alive)) this.rejectUntaken(new Error("no scan worker started"));
    this.dispatch();
    return promises;
  }

  async close(): Promise<void> {
    const stopped = new Error("the scan stopped");
    this.rejectUntaken(stopped);
    await Promise.all(this.members.map((m) => this.retire(m, stopped)));
  }

  private start(setup: WorkerSetup): Member {
    const member: Member = { worker: startWorker(setup), held: new Set(), share: { next: 0, end: 0 }, alive: true };
    member.worker.on("message", (msg: ResultMessage) => {
      if (!member.held.delete(msg.id)) return;
      const waiting = this.tasks[msg.id]!;
      if ("outcome" in msg) waiting.resolve(msg.outcome);
      else waiting.reject(new Error(msg.error));
      this.dispatch();
    });
    const fail = (err: Error) => void this.retire(member, err);
    member.worker.on("error", fail);
    member.worker.on("exit", (code) => fail(new Error(`a scan worker exited (code ${code})`)));
    return member;
  }

  /** Stops a worker; what it held fails, and with no worker left, so does everything not taken. */
  private async retire(member: Member, err: Error): Promise<void> {
    if (!member.alive) return;
    member.alive = false;
    for (const id of member.held) this.tasks[id]!.reject(err);
    member.held.clear();
    if (!this.members.some((m) => m.alive)) this.rejectUntaken(err);
    else this.dispatch(); // the others take over its share
    await member.worker.terminate();
  }

  private rejectUntaken(err: Error): void {
    for (const m of this.members) {
      for (let id = m.share.next; id < m.share.end; id++) this.tasks[id]!.reject(err);
      m.share.next = m.share.end;
    }
  }

  private dispatch(): void {
    for (const m of this.members) {
      while (m.alive && m.held.size < IN_FLIGHT_PER_WORKER) {
        const id = this.take(m);
        if (id === undefined) break;
        m.held.add(id);
        m.worker.postMessage({ id, task: this.tasks[id]!.task } satisfies TaskMessage);
      }
    }
  }

  /** The next task of the member's share, or of the second half of the largest share left. */
  private take(member: Member): number | undefined {
    if (member.share.next >= member.share.end) {
      let largest: Member | undefined;
      for (const m of this.members) if (m.share.end - m.share.next > (largest ? largest.share.end - largest.share.next : 0)) largest = m;
      if (!largest) return undefined;
      const { next, end } = largest.share;
      const middle = next + Math.floor((end - next) / 2);
      member.share = { next: middle, end };
      largest.share.end = middle;
    }
    return member.share.next++;
  }
}
