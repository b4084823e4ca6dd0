const express = require("express");
const session = require("express-session");
const cookieSession = require("cookie-session");

const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    // ruleid: js/insecure-cookie
    cookie: { httpOnly: false, secure: true, sameSite: "lax" },
  }),
);

// ruleid: js/insecure-cookie
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.use(
  cookieSession({
    name: "session",
    keys: [process.env.COOKIE_KEY],
    // ruleid: js/insecure-cookie
    secure: false,
  }),
);

app.post("/login", async (req, res) => {
  const token = await auth.login(req.body.email, req.body.password);
  // ruleid: js/insecure-cookie
  res.cookie("access_token", token, { maxAge: 3600000, sameSite: "strict" });
  res.redirect("/");
});

app.post("/remember", (req, res) => {
  // ruleid: js/insecure-cookie
  res.cookie("sid", req.session.id);
  res.sendStatus(204);
});

app.post("/refresh", (req, res) => {
  res.cookie("refreshToken", req.refreshToken, {
    secure: true,
    // ruleid: js/insecure-cookie
    httpOnly: false,
  });
  res.end();
});

app.get("/", (req, res) => {
  // ok: js/insecure-cookie
  res.cookie("theme", req.query.theme || "light", { maxAge: 31536000000 });
  // ok: js/insecure-cookie
  res.cookie("XSRF-TOKEN", req.csrfToken(), { httpOnly: false, secure: true });
  // ok: js/insecure-cookie
  res.cookie("session", req.session.token, { httpOnly: true, secure: true, sameSite: "strict" });
  // ok: js/insecure-cookie
  res.cookie("auth", req.auth, cookieOptions);
  res.render("home");
});

app.use(
  // ok: js/insecure-cookie
  session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === "production" } }),
);

module.exports = app;
