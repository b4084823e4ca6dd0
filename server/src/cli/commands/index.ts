import type { Command } from "../command";
import { dbCommand } from "./db";
import { depsCommand } from "./deps";
import { lspCommand } from "./lsp";
import { reportCommand } from "./report";
import { rulesCommand } from "./rules";
import { scanCommand } from "./scan";

/** Every `vigil` subcommand. Add a line here to add one. */
export const COMMANDS: readonly Command[] = [scanCommand, rulesCommand, lspCommand, dbCommand, depsCommand, reportCommand];
