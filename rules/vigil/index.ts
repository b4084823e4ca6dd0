import type { VigilRule } from "../../server/src/engine/rule";
import analysisError from "./analysis-error";
import analysisTimeout from "./analysis-timeout";
import fileSkipped from "./file-skipped";
import parseError from "./parse-error";
import suppressionWithoutReason from "./suppression-without-reason";

/** Notices about the scan itself. */
export const TOOL_RULES: readonly VigilRule[] = [parseError, fileSkipped, suppressionWithoutReason, analysisError, analysisTimeout];
