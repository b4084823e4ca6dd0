// Data access for the shop. Some helpers build SQL from their arguments, others bind them.
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

function findUserByEmail(email) {
  return pool.query("SELECT id, email, name FROM users WHERE email = '" + email + "'");
}

function findUserById(id) {
  return pool.query("SELECT id, email, name FROM users WHERE id = $1", [id]);
}

function searchProducts(term, sort) {
  const order = ["name", "price", "rating"].includes(sort) ? sort : "name";
  return pool.query(`SELECT * FROM products WHERE title ILIKE '%' || $1 || '%' ORDER BY ${order}`, [term]);
}

function productsInCategory(category) {
  const sql = `SELECT * FROM products WHERE category = '${category}'`;
  return pool.query(sql);
}

async function countOrders(userId) {
  const { rows } = await pool.query("SELECT count(*) FROM orders WHERE user_id = " + Number(userId));
  return rows[0].count;
}

module.exports = { findUserByEmail, findUserById, searchProducts, productsInCategory, countOrders, pool };
