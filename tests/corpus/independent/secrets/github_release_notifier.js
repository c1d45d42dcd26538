// scripts/release-notifier.js
// Posts a comment on every issue referenced in the latest release notes.
const { Octokit } = require('@octokit/rest');

const GITHUB_TOKEN = 'ghp_PN4GiV7eOkQ2o5nP32EziVcGubSaRfLllUVL';
const OWNER = 'acme-corp';
const REPO = 'web-platform';

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
