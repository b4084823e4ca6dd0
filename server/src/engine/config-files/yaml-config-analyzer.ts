import type { Analyzer } from "../analyzer";
import { notice } from "../notice";
import { Findings } from "./common";
import { checkCompose, isCompose } from "./compose";
import { checkKubernetes, isKubernetesWorkload } from "./kubernetes";
import { checkWorkflow, isWorkflow } from "./workflows";
import { parseYaml } from "./yaml-doc";

const WORKFLOW_PATH = /[\\/]\.github[\\/]workflows[\\/][^\\/]+$/;
const COMPOSE_NAME = /(?:^|[\\/])(?:docker-)?compose[\w.-]*\.ya?ml$/i;

/** Kubernetes manifests, GitHub Actions workflows and Compose files: one YAML parse, checks by kind. */
export const yamlConfigAnalyzer: Analyzer = {
  name: "yaml-config",
  handles: (_path, language) => language === "yaml",
  analyze({ path, lines, selection }) {
    const text = lines.text;
    // Most YAML is none of these: skip the parse unless a marker of one of them is present.
    const known = WORKFLOW_PATH.test(path) || COMPOSE_NAME.test(path);
    if (!known && !/^(?:kind|jobs|services):/m.test(text)) return [];
    const parsed = parseYaml(text);
    if (parsed.error) {
      const at = lines.positionAt(parsed.error.offset);
      return [notice("vigil/parse-error", `YAML does not parse, file not analysed: ${parsed.error.message}`, { start: at, end: at })];
    }
    const out = new Findings(selection);
    for (const doc of parsed.documents) {
      if (isWorkflow(doc, path)) checkWorkflow(doc, lines, out);
      else if (isKubernetesWorkload(doc)) checkKubernetes(doc, lines, out);
      else if (isCompose(doc, path)) checkCompose(doc, lines, out);
    }
    return out.list;
  },
};
