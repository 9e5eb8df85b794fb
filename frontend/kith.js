// Start GOV.UK Frontend and MOJ Frontend components on every page. Loaded as a module, so it
// never runs in browsers the design system does not support (they get the plain HTML).
import { initAll as initGovUk } from "./govuk-frontend.min.js";
import { initAll as initMoj } from "./moj-frontend.min.js";
import { keepDrafts } from "./drafts.js";
import { warnOfNonWorkingDays } from "./days.js";

initGovUk();
initMoj();
keepDrafts();
warnOfNonWorkingDays();

// "Print" buttons: plain links to the same page without JavaScript.
for (const button of document.querySelectorAll("[data-kith-print]")) {
  button.addEventListener("click", (event) => {
    event.preventDefault();
    window.print();
  });
}
