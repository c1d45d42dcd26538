// Progressive enhancement only: every page works without this file.
// In a triage form, the expiry date is required exactly when "accepted risk" is chosen.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.name !== "state") return;
  const form = input.form;
  const until = form && form.querySelector('input[name="accepted_until"]');
  if (until) until.required = input.value === "accepted_risk" && input.checked;
});
