import fs from "node:fs/promises";
import path from "node:path";

const INVOICES = path.join(process.cwd(), "invoices");

export async function readInvoice(name) {
  return fs.readFile(path.join(INVOICES, name), "utf8");
}

export async function readInvoiceSafely(name) {
  return fs.readFile(path.join(INVOICES, path.basename(name)), "utf8");
}

export function invoicePath(name) {
  return path.join(INVOICES, name);
}
