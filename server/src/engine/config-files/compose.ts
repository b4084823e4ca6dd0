import type { LineIndex } from "../text";
import { Findings, literalSecret } from "./common";
import { replaceScalar } from "./yaml-edits";
import { entries, get, isTrue, items, keyName, pairOf, span, str, type YamlNode } from "./yaml-doc";

export function isCompose(doc: YamlNode, filePath: string): boolean {
  const services = entries(get(doc, "services"));
  if (!services.length) return false;
  return /(?:^|[\\/])(?:docker-)?compose[\w.-]*\.ya?ml$/i.test(filePath) || services.some((s) => pairOf(s.value, "image") || pairOf(s.value, "build"));
}

export function checkCompose(doc: YamlNode, lines: LineIndex, out: Findings): void {
  const at = (node: YamlNode | null | undefined) => lines.rangeOf(span(node)!.start, span(node)!.end);
  for (const service of entries(get(doc, "services"))) {
    const name = keyName(service);
    const privileged = pairOf(service.value, "privileged");
    if (privileged && isTrue(privileged.value)) {
      const fix = replaceScalar(lines, privileged.value!, "false", "Set privileged: false");
      out.add("compose/privileged", `Service "${name}" is privileged: it has every capability and the host's devices, so escaping to the host is trivial.`, at(privileged.key), fix ? [fix] : []);
    }
    const network = pairOf(service.value, "network_mode");
    if (str(network?.value) === "host") {
      out.add("compose/host-network", `Service "${name}" shares the host's network stack: it can reach every local-only service and bind any host port.`, at(network!.value));
    }
    for (const volume of items(get(service.value, "volumes"))) {
      const source = str(volume) ?? str(get(volume, "source")) ?? "";
      if (/(?:docker|containerd)\.sock(?::|$)/.test(source)) {
        out.add("compose/docker-socket-mount", `Service "${name}" mounts the Docker socket, which lets it start privileged containers: root on the host.`, at(volume));
      }
    }
    const environment = get(service.value, "environment");
    for (const pair of entries(environment)) {
      const shown = literalSecret(keyName(pair), str(pair.value));
      if (shown) out.add("compose/secret-in-environment", secretMessage(name, keyName(pair), shown), at(pair.value));
    }
    for (const item of items(environment)) {
      const text = str(item) ?? "";
      const eq = text.indexOf("=");
      const shown = eq > 0 ? literalSecret(text.slice(0, eq), text.slice(eq + 1)) : undefined;
      // Point at the value, where the secrets analyzer's finding for the same literal starts.
      const start = span(item)!.start + lines.text.slice(span(item)!.start).indexOf("=") + 1;
      if (shown) out.add("compose/secret-in-environment", secretMessage(name, text.slice(0, eq), shown), lines.rangeOf(start, span(item)!.end));
    }
  }
}

function secretMessage(service: string, key: string, shown: string): string {
  return `Service "${service}" sets ${key} to the literal secret ${shown}; anyone who can read the file can use it. Use Compose secrets or a variable from an uncommitted .env file.`;
}
