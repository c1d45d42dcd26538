const { Octokit } = require("@octokit/rest");

const octokit = new Octokit({ auth: "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" });

async function createRelease(owner, repo, tag) {
  return octokit.repos.createRelease({ owner, repo, tag_name: tag });
}

module.exports = { createRelease };
