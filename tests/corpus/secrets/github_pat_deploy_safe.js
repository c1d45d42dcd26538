const { Octokit } = require("@octokit/rest");

const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });

async function createRelease(owner, repo, tag) {
  return octokit.repos.createRelease({ owner, repo, tag_name: tag });
}

module.exports = { createRelease };
