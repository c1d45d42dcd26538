// scripts/release-notifier.js
// Posts a comment on every issue referenced in the latest release notes.
const { Octokit } = require('@octokit/rest');

const GITHUB_TOKEN = process.env.GITHUB_TOKEN;
const OWNER = process.env.GITHUB_OWNER || 'acme-corp';
const REPO = process.env.GITHUB_REPO || 'web-platform';

if (!GITHUB_TOKEN) {
  console.error('GITHUB_TOKEN is not set');
  process.exit(1);
}

const octokit = new Octokit({ auth: GITHUB_TOKEN, userAgent: 'release-notifier/1.2' });

function referencedIssues(body) {
  const matches = body.matchAll(/#(\d+)/g);
  return [...new Set([...matches].map((m) => Number(m[1])))];
}

async function main() {
  const { data: release } = await octokit.repos.getLatestRelease({ owner: OWNER, repo: REPO });
  const issues = referencedIssues(release.body || '');
  for (const issue_number of issues) {
    await octokit.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number,
      body: `:rocket: This was released in [${release.tag_name}](${release.html_url}).`,
    });
  }
  console.log(`Notified ${issues.length} issues for ${release.tag_name}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
