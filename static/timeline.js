// Filters on a timeline page (the whole timeline, or one period's page of a timeline split into
// pages): by kind of entry and by the record involved, without a reload; they act on the entries
// of the page. Without this script the form stays hidden and every entry is shown. The choice is
// kept in the address (?kind=event,quote&record=marco-rubio) so a filtered timeline can be shared,
// and record pages link to their own slice of a timeline that fits on one page that way. The words
// it writes as it counts come with the page, in its language and in each plural form the
// language has (the JSON of #timeline-words, keyed by Intl.PluralRules' categories).
(function () {
  "use strict";
  const form = document.getElementById("timeline-filters");
  if (!form) return;
  const entries = Array.from(document.querySelectorAll(".timeline-year .timeline-entry"));
  const months = Array.from(document.querySelectorAll(".timeline-month"));
  const years = Array.from(document.querySelectorAll(".timeline-year"));
  const marks = Array.from(document.querySelectorAll(".timeline-chart .chart-mark"));
  const boxes = Array.from(form.querySelectorAll("input[name=kind]"));
  const select = form.querySelector("select[name=record]");
  const status = document.getElementById("timeline-status");
  const yearLinks = new Map(
    Array.from(document.querySelectorAll(".timeline-years a")).map((a) => [a.hash.slice(1), a.parentElement])
  );
  const records = entries.map((li) => new Set((li.dataset.records || "").split(" ")));
  const kindOf = new Map(entries.map((li) => [li.id, li.dataset.kind]));
  // The counts that follow the filters: the chart's lanes and marks, the kinds and records
  // offered, and the "N entries" of the page's introduction and the chart's caption.
  const laneLabels = Array.from(document.querySelectorAll(".timeline-chart .chart-lane-label"));
  const kindCounts = Array.from(form.querySelectorAll(".filter-count"));
  const recordOptions = select ? Array.from(select.querySelectorAll("option[data-name]")) : [];
  const countTexts = Array.from(document.querySelectorAll(".timeline-count"));

  const wordsBlock = document.getElementById("timeline-words");
  const words = wordsBlock ? JSON.parse(wordsBlock.textContent) : {};
  const rules = new Intl.PluralRules(document.documentElement.lang || "en");

  // The message `name` for `count` ("12 entries"), with `shown` for "Showing 3 of 12 entries."
  function say(name, count, shown) {
    const forms = words[name] || {};
    const text = forms[rules.select(count)] || forms.other || "";
    return text.replace("%(num)d", String(count)).replace("%(shown)d", String(shown));
  }

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    if (params.has("kind")) {
      const wanted = new Set(params.get("kind").split(","));
      boxes.forEach((box) => { box.checked = wanted.has(box.value); });
    }
    const record = params.get("record");
    if (select && record && Array.from(select.options).some((o) => o.value === record)) {
      select.value = record;
    }
  }

  function writeAddress(kinds, record) {
    const params = new URLSearchParams(window.location.search);
    params.delete("kind");
    params.delete("record");
    if (kinds.length !== boxes.length) params.set("kind", kinds.join(","));
    if (record) params.set("record", record);
    const query = params.toString().replace(/%2C/g, ",");
    const address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", address);
  }

  function apply(remember) {
    const kinds = boxes.filter((box) => box.checked).map((box) => box.value);
    const wanted = new Set(kinds);
    const record = select ? select.value : "";
    const visible = new Set();
    entries.forEach((li, i) => {
      const show = wanted.has(li.dataset.kind) && (!record || records[i].has(record));
      li.hidden = !show;
      if (show) visible.add(li.id);
    });
    months.forEach((month) => {
      month.hidden = !month.querySelector(".timeline-entry:not([hidden])");
    });
    years.forEach((year) => {
      year.hidden = !year.querySelector(".timeline-entry:not([hidden])");
      const jump = yearLinks.get(year.getAttribute("aria-labelledby"));
      if (jump) jump.hidden = year.hidden;
    });
    const shownByKind = new Map();
    visible.forEach((id) => {
      const kind = kindOf.get(id);
      shownByKind.set(kind, (shownByKind.get(kind) || 0) + 1);
    });
    marks.forEach((mark) => {
      const ids = mark.dataset.entries.split(" ");
      const shown = ids.filter((id) => visible.has(id)).length;
      mark.classList.toggle("is-dimmed", shown === 0);
      const count = mark.querySelector(".chart-count");
      if (count) count.textContent = shown > 1 ? String(shown) : "";
    });
    laneLabels.forEach((label) => {
      label.textContent = label.dataset.name + " (" + (shownByKind.get(label.dataset.kind) || 0) + ")";
    });
    // What each choice would show, given the other: kinds among the chosen record's entries,
    // records among the chosen kinds' entries.
    const byKind = new Map();
    const byRecord = new Map();
    entries.forEach((li, i) => {
      if (!record || records[i].has(record)) byKind.set(li.dataset.kind, (byKind.get(li.dataset.kind) || 0) + 1);
      if (wanted.has(li.dataset.kind)) records[i].forEach((id) => byRecord.set(id, (byRecord.get(id) || 0) + 1));
    });
    kindCounts.forEach((count) => { count.textContent = "(" + (byKind.get(count.dataset.kind) || 0) + ")"; });
    recordOptions.forEach((option) => {
      option.textContent = option.dataset.name + " (" + (byRecord.get(option.value) || 0) + ")";
    });
    countTexts.forEach((text) => {
      text.textContent = say(text.dataset.words || "entries", visible.size);
    });
    status.textContent = visible.size === entries.length
      ? say("all", entries.length)
      : say("some", entries.length, visible.size);
    if (remember) writeAddress(kinds, record);
  }

  form.addEventListener("change", () => apply(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  // "reset" fires before the controls are reset, so apply once they have been.
  form.addEventListener("reset", () => window.setTimeout(() => apply(true), 0));
  readAddress();
  form.hidden = false;
  apply(false);
})();
