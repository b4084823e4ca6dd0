interface Invoice {
  id: string;
  total: number;
}

export function totalOf(invoices: Invoice[]): number {
  let sum = 0;
  for (const invoice of invoices) {
    // ruleid: vigil/parse-error
    sum += invoice.total as ;
  }
  return sum;
}
