/**
 * Ids of the commands the client registers. Kept apart from the code that runs them (which needs
 * `vscode`) so the manifest test can hold package.json `contributes.commands` to this list.
 */
import { ACCEPT_RISK_COMMAND, IGNORE_FINDING_COMMAND } from "../../server/src/lsp/protocol";

export const COMMANDS = {
  scanWorkspace: "vigil.scanWorkspace",
  exportSarif: "vigil.exportSarif",
  showOutput: "vigil.showOutput",
  restartServer: "vigil.restartServer",
  showDocumentation: "vigil.showDocumentation",
  /** The status bar item's menu. */
  showMenu: "vigil.showMenu",
  /** Behind the server's "Ignore on this line…" code action; needs its arguments, so not in the palette. */
  ignoreFinding: IGNORE_FINDING_COMMAND,
  /** Behind the server's "Accept risk…" code action; needs its arguments, so not in the palette. */
  acceptRisk: ACCEPT_RISK_COMMAND,
  generateReport: "vigil.generateReport",
} as const;

/** Commands that only make sense with arguments or from a UI element: hidden from the palette. */
export const INTERNAL_COMMANDS: readonly string[] = [COMMANDS.ignoreFinding, COMMANDS.showMenu, COMMANDS.acceptRisk];
