// Leaderboard endpoint with client-selectable sort column.
const express = require("express");
const { getSeasonStats } = require("../services/stats");

const router = express.Router();

const SORTABLE_COLUMNS = new Set(["score", "kills", "deaths", "assists", "wins"]);

/**
 * GET /leaderboard/:seasonId?sortBy=kills&order=desc
 */
router.get("/leaderboard/:seasonId", async (req, res, next) => {
  try {
    const players = await getSeasonStats(req.params.seasonId);
    const sortBy = SORTABLE_COLUMNS.has(req.query.sortBy) ? req.query.sortBy : "score";
    const direction = req.query.order === "asc" ? 1 : -1;

    // Build a comparator for whichever stat column the UI asked for
    const comparator = (a, b) => (a[sortBy] - b[sortBy]) * direction;
    players.sort(comparator);

    res.json({ seasonId: req.params.seasonId, players: players.slice(0, 100) });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
