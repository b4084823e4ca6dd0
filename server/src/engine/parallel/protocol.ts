import type { Settings } from "../settings";
import type { ThreatModel } from "../threatmodel/model";
import type { FileOutcome, FileTask } from "./file-task";

/**
 * What a worker rebuilds its analysis context from: plain data only (structured clone carries no
 * functions). Project facts are read from disk in the worker; threat-model files and dependency
 * files, whose context cannot cross (the findings so far, a live advisory source), stay on the
 * main thread.
 */
export interface WorkerSetup {
  settings: Settings;
  threatModels?: { models: readonly ThreatModel[]; now: Date };
  /** Record what each analysis read, for the result cache. */
  record: boolean;
}

export interface TaskMessage {
  id: number;
  task: FileTask;
}

export type ResultMessage = { id: number; outcome: FileOutcome } | { id: number; error: string };
