// API server for the account dashboard SPA.
const express = require("express");
const cors = require("cors");
const session = require("express-session");
const RedisStore = require("connect-redis").default;
const { redisClient } = require("./redis");
const accountRoutes = require("./routes/account");

const ALLOWED_ORIGINS = (process.env.CORS_ALLOWED_ORIGINS || "https://dashboard.example.com")
  .split(",")
  .map((o) => o.trim());

const app = express();
app.set("trust proxy", 1);

// Let the dashboard (served from a different origin) call the API with its session cookie
app.use(
  cors({
    origin: (origin, callback) => callback(null, ALLOWED_ORIGINS.includes(origin)),
    credentials: true,
    methods: ["GET", "POST", "PUT", "DELETE"],
  })
);

app.use(express.json({ limit: "100kb" }));
app.use(
  session({
    store: new RedisStore({ client: redisClient }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: "none", maxAge: 8 * 3600 * 1000 },
  })
);

app.use("/api/account", accountRoutes);

app.listen(process.env.PORT || 4000, () => {
  console.log("API listening");
});
