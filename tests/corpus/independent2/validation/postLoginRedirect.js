// Session login route for the marketing site's members area.
const express = require("express");
const bcrypt = require("bcrypt");
const { findMemberByEmail } = require("../db/members");

const router = express.Router();

router.post("/login", express.urlencoded({ extended: false }), async (req, res, next) => {
  try {
    const { email, password } = req.body;
    const member = await findMemberByEmail(String(email || "").toLowerCase());
    const ok = member && (await bcrypt.compare(String(password || ""), member.passwordHash));
    if (!ok) {
      return res.status(401).render("login", { error: "Invalid credentials" });
    }

    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.memberId = member.id;
      const returnUrl = req.query.returnUrl || "/members";
      res.redirect(returnUrl);
    });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
