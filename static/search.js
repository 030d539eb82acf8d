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
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
