// A date that is not a working day (a weekend, a bank holiday) is said so as it is typed, where
// the form asks for it (data-kith-not-a-working-day on the date boxes): the census queries such
// dates, and it is easier to check the date now than to answer a query at census time.
// A warning only: nothing stops the form being saved.

const holidays = new Set((document.body.dataset.kithBankHolidays || "").split(" "));

function typedDate(boxes) {
  const [day, month, year] = [...boxes.querySelectorAll("input")].map((i) => i.value.trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCDate() === Number(day) ? date : null;
}

function check(boxes, warning) {
  const date = typedDate(boxes);
  if (!date) {
    warning.textContent = "";
    return;
  }
  const iso = date.toISOString().slice(0, 10);
  const weekday = date.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  warning.textContent =
    weekend || holidays.has(iso)
      ? `${weekend ? `That is a ${weekday}` : "That is a bank holiday"}. ${boxes.dataset.kithNotAWorkingDay}`
      : "";
}

export function warnOfNonWorkingDays() {
  for (const boxes of document.querySelectorAll("[data-kith-not-a-working-day]")) {
    const warning = boxes.parentElement.querySelector("[data-kith-day-warning]");
    if (!warning) continue;
    boxes.addEventListener("input", () => check(boxes, warning));
    check(boxes, warning);
  }
}
