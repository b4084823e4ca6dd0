"use strict";
const mysql = require("mysql");
const { config } = require("./config");

const pool = mysql.createPool({ host: config.dbHost, user: config.dbUser, password: config.dbPassword });

function findProducts(category, callback) {
  pool.query("SELECT * FROM products WHERE category = '" + category + "'", callback);
}

function findUserByEmail(email, callback) {
  pool.query("SELECT id, email FROM users WHERE email = ?", [email], callback);
}

module.exports = { findProducts, findUserByEmail };

// @mitigates T1: every query binds its parameters
