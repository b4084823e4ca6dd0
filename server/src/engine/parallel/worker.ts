/** Entry of a scan worker thread (bundled as dist/scan-worker.js): analyses the files it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import type { AnalysisContext } from "../analyzer";
import { createProjectFacts } from "../deps/project-facts";
import { TextDigests } from "../cache/recording-facts";
import { analyseFileTask } from "./file-task";
import type { ResultMessage, TaskMessage, WorkerSetup } from "./protocol";

const setup = workerData as WorkerSetup;
const context: AnalysisContext = { settings: setup.settings, project: createProjectFacts() };
if (setup.threatModels) context.threatModels = { models: setup.threatModels.models, now: setup.threatModels.now };
const digests = setup.record ? new TextDigests() : undefined;

parentPort!.on("message", ({ id, task }: TaskMessage) => {
  analyseFileTask(task, context, digests).then(
    (outcome) => parentPort!.postMessage({ id, outcome } satisfies ResultMessage),
    (err: unknown) => parentPort!.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ResultMessage),
  );
});
