import type { Worker } from "node:worker_threads";
import type { FileOutcome, FileTask } from "./file-task";
import type { ResultMessage, TaskMessage, WorkerSetup } from "./protocol";
import { startWorker } from "./worker-script";

/** Tasks held by one worker at a time: the next is ready when one finishes, and no worker hoards. */
const IN_FLIGHT_PER_WORKER = 2;

interface Waiting {
  id: number;
  task: FileTask;
  resolve(outcome: FileOutcome): void;
  reject(err: Error): void;
}

interface Member {
  worker: Worker;
  held: Map<number, Waiting>;
  alive: boolean;
}

/**
 * A fixed set of worker threads analysing files. `run` settles with the file's outcome, or rejects
 * when the worker holding it failed (the caller can then analyse the file itself); tasks are handed
 * out as workers free up, so a slow file holds back no other.
 */
export class WorkerPool {
  private readonly members: Member[] = [];
  private queue: Waiting[] = [];
  /** Index of the next task to hand out: the queue is long (a whole scan) and shift() is linear. */
  private head = 0;
  private nextId = 0;
  private closed = false;

  constructor(size: number, setup: WorkerSetup) {
    for (let i = 0; i < size; i++) this.members.push(this.start(setup));
  }

  run(task: FileTask): Promise<FileOutcome> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error("the worker pool is closed"));
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error("the scan stopped");
    this.rejectQueued(stopped);
    await Promise.all(this.members.map((m) => this.retire(m, stopped)));
  }

  private start(setup: WorkerSetup): Member {
    const member: Member = { worker: startWorker(setup), held: new Map(), alive: true };
    member.worker.on("message", (msg: ResultMessage) => {
      const waiting = member.held.get(msg.id);
      if (!waiting) return;
      member.held.delete(msg.id);
      if ("outcome" in msg) waiting.resolve(msg.outcome);
      else waiting.reject(new Error(msg.error));
      this.dispatch();
    });
    const fail = (err: Error) => void this.retire(member, err);
    member.worker.on("error", fail);
    member.worker.on("exit", (code) => fail(new Error(`a scan worker exited (code ${code})`)));
    return member;
  }

  /** Stops a worker; what it held fails, and with no worker left, so does everything queued. */
  private async retire(member: Member, err: Error): Promise<void> {
    if (!member.alive) return;
    member.alive = false;
    for (const w of member.held.values()) w.reject(err);
    member.held.clear();
    if (!this.members.some((m) => m.alive)) this.rejectQueued(err);
    await member.worker.terminate();
  }

  private rejectQueued(err: Error): void {
    const queued = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    for (const w of queued) w.reject(err);
  }

  private dispatch(): void {
    for (;;) {
      const next = this.queue[this.head];
      if (!next) return;
      let target: Member | undefined;
      for (const m of this.members) if (m.alive && m.held.size < IN_FLIGHT_PER_WORKER && (!target || m.held.size < target.held.size)) target = m;
      if (!target) return;
      this.head++;
      target.held.set(next.id, next);
      target.worker.postMessage({ id: next.id, task: next.task } satisfies TaskMessage);
    }
  }
}
