// Posts a message to #deploys when the CI pipeline finishes.
const { WebClient } = require("@slack/web-api");

const token = process.env.SLACK_BOT_TOKEN;
if (!token) {
  throw new Error("SLACK_BOT_TOKEN is not set");
}
const slack = new WebClient(token);
const CHANNEL = process.env.SLACK_DEPLOY_CHANNEL || "#deploys";

async function notifyDeploy({ service, version, environment, status, url }) {
  const emoji = status === "success" ? ":white_check_mark:" : ":x:";
  await slack.chat.postMessage({
    channel: CHANNEL,
    text: `${emoji} ${service} ${version} -> ${environment}: ${status}`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `${emoji} *${service}* \`${version}\` deployed to *${environment}* (${status})\n<${url}|View pipeline>`,
        },
      },
    ],
  });
}

if (require.main === module) {
  notifyDeploy({
    service: process.env.CI_PROJECT_NAME,
    version: process.env.CI_COMMIT_SHORT_SHA,
    environment: process.env.CI_ENVIRONMENT_NAME || "staging",
    status: process.argv[2] || "success",
    url: process.env.CI_PIPELINE_URL,
  }).catch((err) => {
    console.error("Slack notification failed:", err.message);
    process.exit(1);
  });
}

module.exports = { notifyDeploy };
