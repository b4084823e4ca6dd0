import { compareFindings } from "../engine/finding";
import { toSarif } from "../engine/report/sarif";
import { selectRules } from "../engine/rule-selection";
import type { Settings } from "../engine/settings";
import { VERSION } from "../engine/version";
import type { FindingsStore } from "./findings-store";
import type { ExportSarifResult } from "./protocol";

/** The current findings of one folder as SARIF, through the CLI's writer. */
export function exportSarif(folder: string, store: FindingsStore, settings: Settings, complete: boolean): ExportSarifResult {
  const findings = store.findingsUnder(folder).sort(compareFindings);
  const filesWithFindings = store.filesUnder(folder).length;
  const sarif = toSarif({
    root: folder,
    findings,
    filesScanned: filesWithFindings,
    toolVersion: VERSION,
    rulesRun: [...selectRules(settings).enabled],
  });
  return { sarif, complete, filesWithFindings };
}
