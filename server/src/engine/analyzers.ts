import type { Analyzer } from "./analyzer";
import { jsAnalyzer } from "./js/js-analyzer";
import { taintAnalyzer } from "./js/taint";
import { secretsAnalyzer } from "./secrets/secrets-analyzer";
import { depsAnalyzer } from "./deps/deps-analyzer";
import { dockerfileAnalyzer } from "./config-files/dockerfile-analyzer";
import { yamlConfigAnalyzer } from "./config-files/yaml-config-analyzer";
import { threatModelAnalyzer } from "./threatmodel/analyzer";

/** Every analyzer, in the order they run on a file. Add a line here to add a family of checks. */
export const ANALYZERS: readonly Analyzer[] = [jsAnalyzer, taintAnalyzer, secretsAnalyzer, dockerfileAnalyzer, yamlConfigAnalyzer, threatModelAnalyzer, depsAnalyzer];
