import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The path the engine sees for a document. Non-file documents (untitled, virtual) keep their URI
 * path, which still carries an extension the engine can use when there is one.
 */
export function documentPath(uri: string): string {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      // Malformed file URI: fall through to the raw path.
    }
  }
  const at = uri.indexOf(":");
  return decodeURIComponent(at >= 0 ? uri.slice(at + 1) : uri);
}

export function fileUri(file: string): string {
  return pathToFileURL(path.resolve(file)).href;
}
