import type { LineIndex } from "../text";
import { Findings, literalSecret, unpinnedReason } from "./common";
import { insertAboveKey, replaceScalar } from "./yaml-edits";
import { entries, firstKey, get, isTrue, items, pairOf, span, str, type YamlNode } from "./yaml-doc";

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATH: Record<string, string[]> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

const NAMESPACES: Record<string, string> = { hostNetwork: "network", hostPID: "process", hostIPC: "IPC" };
const DANGEROUS_CAPABILITIES = new Set(["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "SYS_RAWIO", "BPF"]);
const RUNTIME_SOCKET = /(?:docker|containerd|crio|cri-dockerd)\.sock$/;

export function isKubernetesWorkload(doc: YamlNode): boolean {
  const kind = str(get(doc, "kind"));
  return kind !== undefined && kind in POD_SPEC_PATH && str(get(doc, "apiVersion")) !== undefined;
}

export function checkKubernetes(doc: YamlNode, lines: LineIndex, out: Findings): void {
  const kind = str(get(doc, "kind"))!;
  const pod = get(doc, ...POD_SPEC_PATH[kind]!);
  if (!pod) return;
  const at = (node: YamlNode | null | undefined) => {
    const s = span(node)!;
    return lines.rangeOf(s.start, s.end);
  };
  for (const flag of Object.keys(NAMESPACES)) {
    const p = pairOf(pod, flag);
    if (p && isTrue(p.value)) {
      const fix = replaceScalar(lines, p.value!, "false", `Set ${flag}: false`);
      out.add("k8s/host-namespace", `${flag}: true shares the node's ${NAMESPACES[flag]} namespace with this pod, so it can see and reach what runs on the node.`, at(p.key), fix ? [fix] : []);
    }
  }
  for (const v of items(get(pod, "volumes"))) {
    const hostPath = pairOf(v, "hostPath");
    if (!hostPath) continue;
    const where = str(get(hostPath.value, "path")) ?? "";
    const socket = RUNTIME_SOCKET.test(where);
    out.add("k8s/host-path-mount", socket
      ? `Mounting ${where} hands this pod the container runtime, which is root on the node.`
      : `hostPath volume ${where} exposes the node's file system to the pod.`, at(hostPath.key));
  }
  const podContext = get(pod, "securityContext");
  const podNonRoot = isTrue(get(podContext, "runAsNonRoot"));
  const podUser = str(get(podContext, "runAsUser"));
  for (const list of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const c of items(get(pod, list))) checkContainer(c, { podNonRoot, podUser }, lines, out);
  }
}

function checkContainer(c: YamlNode, pod: { podNonRoot: boolean; podUser: string | undefined }, lines: LineIndex, out: Findings): void {
  const name = str(get(c, "name")) ?? "container";
  const anchor = firstKey(c) ?? pairOf(c, "name")?.key ?? c;
  const range = (node: YamlNode | null | undefined) => {
    const s = span(node) ?? span(anchor)!;
    return lines.rangeOf(s.start, s.end);
  };
  const ctx = get(c, "securityContext");
  const ctxKey = firstKey(ctx);
  /** Adds lines to the container's securityContext, creating it when it is missing. */
  const addToContext = (title: string, settings: string[]) => {
    const edit = ctxKey
      ? insertAboveKey(lines, ctxKey, settings)
      : !ctx && firstKey(c) ? insertAboveKey(lines, firstKey(c)!, ["securityContext:", ...settings.map((l) => `  ${l}`)]) : undefined;
    return edit ? [{ title, edits: [edit], isPreferred: false }] : [];
  };

  const privileged = pairOf(ctx, "privileged");
  if (privileged && isTrue(privileged.value)) {
    const fix = replaceScalar(lines, privileged.value!, "false", "Set privileged: false");
    out.add("k8s/privileged-container", `Container "${name}" is privileged: it has every capability and the host's devices, so escaping to the node is trivial.`, range(privileged.key), fix ? [fix] : []);
  }
  const escalation = pairOf(ctx, "allowPrivilegeEscalation");
  if (escalation && isTrue(escalation.value)) {
    const fix = replaceScalar(lines, escalation.value!, "false", "Set allowPrivilegeEscalation: false");
    out.add("k8s/privilege-escalation", `Container "${name}" allows privilege escalation: setuid binaries can make its processes root.`, range(escalation.key), fix ? [fix] : []);
  } else if (!escalation) {
    out.add("k8s/privilege-escalation", `Container "${name}" does not set allowPrivilegeEscalation: false, so setuid binaries can make its processes root.`, range(anchor), addToContext("Add allowPrivilegeEscalation: false", ["allowPrivilegeEscalation: false"]));
  }

  const user = pairOf(ctx, "runAsUser");
  const nonRootHere = pairOf(ctx, "runAsNonRoot");
  const explicitRoot = (user && str(user.value) === "0") || (!user && pod.podUser === "0");
  const nonRoot = nonRootHere ? isTrue(nonRootHere.value) : pod.podNonRoot;
  const uid = user ? str(user.value) : pod.podUser;
  if (explicitRoot) {
    out.add("k8s/run-as-root", `Container "${name}" runs as user 0 (root).`, range(user?.key));
  } else if (!nonRoot && !(uid && uid !== "0")) {
    out.add("k8s/run-as-root", `Container "${name}" may run as root: neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser.`, range(nonRootHere?.key ?? anchor), addToContext("Add runAsNonRoot: true", ["runAsNonRoot: true"]));
  }

  for (const cap of items(get(ctx, "capabilities", "add"))) {
    const value = (str(cap) ?? "").toUpperCase().replace(/^CAP_/, "");
    if (DANGEROUS_CAPABILITIES.has(value)) out.add("k8s/dangerous-capabilities", `Container "${name}" adds capability ${value}, which lets it break out of its isolation.`, range(cap));
  }

  const image = pairOf(c, "image");
  const ref = str(image?.value);
  const why = ref && !ref.includes("$") ? unpinnedReason(ref) : undefined;
  if (why) out.add("k8s/unpinned-image", `Image ${ref} ${why}: each rollout can run a different, unreviewed image.`, range(image!.value));

  for (const e of items(get(c, "env"))) {
    const value = pairOf(e, "value");
    const shown = literalSecret(str(get(e, "name")) ?? "", str(value?.value));
    if (shown) out.add("k8s/secret-in-env", `Env var ${str(get(e, "name"))} holds the literal secret ${shown}; anyone who can read the manifest can use it. Reference a Secret with valueFrom.secretKeyRef.`, range(value!.value));
  }

  if (!entries(get(c, "resources", "limits")).length) {
    out.add("k8s/missing-resource-limits", `Container "${name}" sets no resource limits, so one runaway or attacked pod can starve the node.`, range(pairOf(c, "resources")?.key ?? anchor));
  }
}

