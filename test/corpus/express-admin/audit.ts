import { Pool } from "pg";

export class AuditService {
  private readonly pool = new Pool();

  async record(action: string, userId: number): Promise<void> {
    await this.pool.query("INSERT INTO audit (action, user_id) VALUES ($1, $2)", [action, userId]);
  }
}
