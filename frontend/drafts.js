// Never lose a word: every form marked data-kith-draft-url keeps what is typed.
//
// - As the person types, the words are kept in this browser (localStorage) at once, and sent
//   to Kith two seconds after they stop; the line marked data-kith-draft-status says which.
// - Words Kith has not confirmed (a sign-out, an expired session, a lost connection, a second
//   tab) stay in the browser and are put back the next time the form's page opens, with a
//   note saying so.
// - Leaving the page with unsent words asks first.
// One mechanism for every form: the records in a case send to their own page (action=autosave),
// every other form to /drafts/ with the signed description of its page (kith/drafts/).

const WAIT_MS = 2000;
const RETRY_MS = 10000;
const KEPT = "kith:draft:";
const SUBMITTED = "kith:draft-submitted";

const user = document.body.dataset.kithUser || "";

function storageKey(form) {
  const here = window.location.pathname + window.location.search;
  return `${KEPT}${user}:${form.dataset.kithDraftKey || here}`;
}

function read(key) {
  try {
    return JSON.parse(window.localStorage.getItem(key) || "null");
  } catch {
    return null;
  }
}

function typedIn(form) {
  const typed = {};
  for (const [name, value] of new FormData(form)) {
    if (name === "csrfmiddlewaretoken" || value instanceof File) continue;
    (typed[name] = typed[name] || []).push(value);
  }
  return typed;
}

function putBack(form, typed) {
  for (const element of form.elements) {
    if (!element.name || !(element.name in typed) || element.type === "hidden") continue;
    const values = typed[element.name];
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = values.includes(element.value);
    } else if (element.tagName === "SELECT") {
      for (const option of element.options) option.selected = values.includes(option.value);
    } else if (element.type !== "file" && element.type !== "submit") {
      const same = form.querySelectorAll(`[name="${CSS.escape(element.name)}"]`);
      element.value = values[Array.prototype.indexOf.call(same, element)] ?? values[0];
    }
  }
}

function clock(date) {
  return date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

const SAYS = {
  saved: (at) => `Draft kept at ${at}`,
  signedOut: () =>
    "Not saved: you have been signed out. Your words are kept in this browser. Sign in again, " +
    "open this page, and they will be put back.",
  outOfDate: () =>
    "Not saved: this page is out of date. Your words are kept in this browser: open the page " +
    "again and they will be put back.",
  elsewhere: (at) =>
    `Not saved: this form was saved from another tab or window at ${at}. Your words here are ` +
    "kept in this browser; save from one place only.",
  conflict: () =>
    "Not saved: someone else has saved this record. Press Save as draft to see both versions.",
  locked: () => "This record is finished and can no longer be changed as a draft.",
  closed: () =>
    "Not saved: this case was closed while you were typing. Your words are kept in this " +
    "browser: copy them somewhere safe and speak to your manager.",
  failed: () =>
    "Not saved: Kith could not keep it just now. Your words are kept in this browser and " +
    "will be sent again in a moment.",
  offline: () =>
    "Not saved: there is no connection. Your words are kept in this browser and will be sent " +
    "when the connection is back.",
};

class Draft {
  constructor(form) {
    this.form = form;
    this.status = form.querySelector("[data-kith-draft-status]");
    this.key = storageKey(form);
    this.timer = null;
    this.unsent = false;
    this.submitting = false;
    this.inFlight = false;
    this.again = false;
  }

  start() {
    this.restore();
    this.form.addEventListener("input", () => this.typed());
    this.form.addEventListener("change", () => this.typed());
    this.form.addEventListener("submit", () => this.submitted());
    window.addEventListener("online", () => this.unsent && this.send());
    window.addEventListener("beforeunload", (event) => {
      if (this.unsent && !this.submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  say(message) {
    if (this.status) this.status.textContent = message;
    this.form.dataset.kithDraftState = message;
  }

  typed() {
    this.unsent = true;
    try {
      window.localStorage.setItem(
        this.key,
        JSON.stringify({ at: Date.now(), typed: typedIn(this.form) }),
      );
    } catch {
      // A full or blocked store: the words still go to Kith below.
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.send(), WAIT_MS);
  }

  // One send at a time: words typed while one is on its way go in the next.
  async send() {
    window.clearTimeout(this.timer);
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      await this.sendOnce();
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      this.send();
    }
  }

  async sendOnce() {
    const body = new FormData(this.form);
    body.set("action", "autosave");
    if (this.form.dataset.kithDraft) {
      body.set("_draft", this.form.dataset.kithDraft);
      body.set("_version", this.form.dataset.kithDraftVersion || "0");
    }
    const sending = JSON.stringify(typedIn(this.form));
    let response;
    try {
      response = await fetch(this.form.dataset.kithDraftUrl, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Kith-Autosave": "1", Accept: "application/json" },
      });
    } catch {
      this.say(SAYS.offline());
      return;
    }
    if (response.type === "opaqueredirect" || response.status === 401) {
      this.say(SAYS.signedOut());
      return;
    }
    if (response.status >= 500) {
      this.say(SAYS.failed());
      this.timer = window.setTimeout(() => this.send(), RETRY_MS);
      return;
    }
    let answer = {};
    try {
      answer = await response.json();
    } catch {
      this.say(SAYS.outOfDate());
      return;
    }
    if (answer.state === "saved") {
      this.saved(answer, sending);
    } else if (answer.state === "elsewhere") {
      this.say(SAYS.elsewhere(answer.saved_at));
    } else if (answer.state === "conflict") {
      this.say(SAYS.conflict());
    } else if (answer.state === "locked") {
      this.say(SAYS.locked());
    } else if (answer.state === "closed") {
      this.say(SAYS.closed());
    } else {
      this.say(SAYS.outOfDate());
    }
  }

  saved(answer, sending) {
    if (answer.version !== undefined) {
      this.form.dataset.kithDraftVersion = answer.version;
      const version = this.form.querySelector('input[name="version"]');
      if (version && !this.form.dataset.kithDraft) version.value = answer.version;
    }
    if (answer.record) {
      const record = this.form.querySelector('input[name="record"]');
      if (record) record.value = answer.record;
    }
    if (answer.key && answer.key !== this.form.dataset.kithDraftKey) {
      // The record now exists: its words are kept under its own address from here on.
      window.localStorage.removeItem(this.key);
      this.form.dataset.kithDraftKey = answer.key;
      this.key = storageKey(this.form);
    }
    this.say(SAYS.saved(answer.saved_at));
    if (JSON.stringify(typedIn(this.form)) === sending) {
      this.unsent = false;
      window.localStorage.removeItem(this.key);
    }
  }

  submitted() {
    this.submitting = true;
    window.sessionStorage.setItem(SUBMITTED, this.key);
  }

  restore() {
    const kept = read(this.key);
    if (!kept || !kept.typed) return;
    if (JSON.stringify(kept.typed) === JSON.stringify(typedIn(this.form))) return;
    putBack(this.form, kept.typed);
    this.unsent = true;
    const note = document.createElement("div");
    note.className = "govuk-inset-text";
    note.dataset.testid = "words-put-back";
    note.textContent =
      `Your words typed at ${clock(new Date(kept.at))} were not saved, and are back below. ` +
      "Check them, then save. ";
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
    discard.textContent = "Discard them";
    discard.addEventListener("click", () => {
      window.localStorage.removeItem(this.key);
      this.unsent = false;
      window.location.reload();
    });
    note.append(discard);
    this.form.before(note);
    this.say("Not saved yet: your words were put back from this browser.");
    this.timer = window.setTimeout(() => this.send(), WAIT_MS);
  }
}

// A form sent last time: once a page says it was saved (a success banner), its words can go.
// Any other page (a problem to fix, signing in again, a page that failed to load) leaves them
// kept, to be put back the next time the form opens.
function settleSubmitted() {
  const key = window.sessionStorage.getItem(SUBMITTED);
  if (!key || !user) return;
  if (document.querySelector(".govuk-notification-banner--success")) {
    window.localStorage.removeItem(key);
  }
  window.sessionStorage.removeItem(SUBMITTED);
}

export function keepDrafts() {
  settleSubmitted();
  for (const form of document.querySelectorAll("form[data-kith-draft-url]")) {
    new Draft(form).start();
  }
}
