// Starts Pagefind's default search UI on the search page and runs the query from ?q=, which is
// what the search box in the header submits. Paths come from data attributes so that search
// works when the site is published under a sub-path.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundlePath,
    baseUrl: element.dataset.baseUrl,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    // Pagefind's own ranking (its 1.5 defaults, written out so that a change is deliberate); what
    // ranks the story first is the weights in the templates: an article's dek and text weigh
    // more, a glossary term's definition less than its name, and lists repeated from other pages
    // (timelines and backlinks on record and term pages) are not indexed.
    ranking: { termSimilarity: 1.0, pageLength: 0.75, termSaturation: 1.4, termFrequency: 1.0 },
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
