"use strict";
const https = require("https");

// Credentials committed with the code: anyone with read access to the repository has them.
const config = {
  dbHost: "db.internal",
  dbUser: "app",
  dbPassword: "Tr0ub4dor&3xQ9!vLp2",
  jwtSecret: "8f2b1c9e7d4a6f3b0e5c2d8a9f1b7e3c",
  stripeKey: process.env.STRIPE_KEY || "",
};

// The payment provider's sandbox has a self-signed certificate, so verification was turned off.
const paymentAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

module.exports = { config, paymentAgent };
