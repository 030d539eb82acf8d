/* Hover previews of links to records: a small card with the record's name, kind and one-line
 * summary, shown when a link is hovered or focused, without leaving the page.
 *
 * Progressive enhancement: without this script links are plain links. Data comes from the
 * shards under previews/, whose folder the page names in <meta name="explainer-previews"> (so it
 * works under any base URL): previews/index.json says how many shards there are, and the shard
 * that holds a record (FNV-1a of its id, as explainer/produce/previews.py computes it) is fetched
 * the first time one of its records is hovered or focused. Each is fetched once.
 *
 * Mouse: the card opens after a short pause on a link and stays open while the pointer is over the
 * link or the card. Keyboard: it opens when a link gets focus and closes when focus leaves.
 * Touch: the first tap on a link opens its card, a second tap follows the link. Escape closes the
 * card. Glossary terms get no card (CSS shows their own tooltip), but Escape hides that too.
 */
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="explainer-previews"]');
  if (!meta || !window.fetch || !document.addEventListener) return;

  var SHOW_DELAY = 250;
  var HIDE_DELAY = 200;
  var folder = meta.getAttribute("content");
  var shardCount = null; // previews/index.json, once fetched
  var shards = {}; // shard file name -> promise of its entries
  var card = null;
  var current = null; // the link whose card is open
  var showTimer = 0;
  var hideTimer = 0;
  var lastPointer = "";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; })
      .then(function (json) { return json || {}; });
  }

  // FNV-1a, 32 bits, over the id's characters (ids are ASCII, so these are its UTF-8 bytes).
  function hash(id) {
    var value = 0x811c9dc5;
    for (var i = 0; i < id.length; i++) {
      value ^= id.charCodeAt(i) & 0xff;
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value >>> 0;
  }

  function shardName(id, count) {
    var width = Math.max(1, (count - 1).toString(16).length);
    var name = (hash(id) % count).toString(16);
    while (name.length < width) name = "0" + name;
    return name + ".json";
  }

  // The preview of one record, or undefined.
  function load(id) {
    if (!shardCount) shardCount = getJSON(folder + "index.json");
    return shardCount.then(function (index) {
      var count = index.shards;
      if (!count) return undefined;
      var name = shardName(id, count);
      if (!shards[name]) shards[name] = getJSON(folder + name);
      return shards[name].then(function (entries) {
        return Object.prototype.hasOwnProperty.call(entries, id) ? entries[id] : undefined;
      });
    });
  }

  function previewable(target) {
    if (!target || !target.closest) return null;
    var link = target.closest("a[data-ref]");
    if (!link || link.closest(".gloss") || link.closest(".preview-card")) return null;
    var href = link.getAttribute("href") || "";
    if (href.split("#")[0] === window.location.pathname) return null; // a link to this page
    return link;
  }

  function makeCard() {
    card = document.createElement("div");
    card.className = "preview-card";
    card.id = "preview-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", function () { scheduleHide(); });
    document.body.appendChild(card);
    return card;
  }

  function fill(entry) {
    while (card.firstChild) card.removeChild(card.firstChild);
    if (entry.image) {
      var image = document.createElement("img");
      image.className = "preview-image";
      image.src = entry.image;
      image.alt = "";
      card.appendChild(image);
    }
    var kind = document.createElement("p");
    kind.className = "preview-kind";
    kind.textContent = entry.kind;
    var name = document.createElement("a");
    name.className = "preview-name";
    name.href = entry.url;
    name.textContent = entry.name;
    name.tabIndex = -1; // the link itself stays the keyboard target
    var title = document.createElement("p");
    title.className = "preview-title";
    title.appendChild(name);
    card.appendChild(kind);
    card.appendChild(title);
    if (entry.summary) {
      var summary = document.createElement("p");
      summary.className = "preview-summary";
      summary.textContent = entry.summary;
      card.appendChild(summary);
    }
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var margin = 8;
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var viewportWidth = document.documentElement.clientWidth;
    var left = Math.min(Math.max(rect.left, margin), Math.max(margin, viewportWidth - width - margin));
    var top = rect.bottom + margin;
    if (top + height > window.innerHeight && rect.top - height - margin >= 0) {
      top = rect.top - height - margin; // no room below: open above the link
    }
    card.style.left = Math.round(left + window.pageXOffset) + "px";
    card.style.top = Math.round(top + window.pageYOffset) + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    load(link.getAttribute("data-ref")).then(function (entry) {
      if (!entry) return;
      if (current && current !== link) hide();
      if (!card) makeCard();
      fill(entry);
      card.hidden = false;
      card.classList.remove("preview-open");
      place(link);
      void card.offsetWidth; // restart the opening transition
      card.classList.add("preview-open");
      current = link;
      link.setAttribute("aria-describedby", card.id);
    });
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!card || card.hidden) { current = null; return; }
    card.hidden = true;
    card.classList.remove("preview-open");
    if (current && current.getAttribute("aria-describedby") === card.id) {
      current.removeAttribute("aria-describedby");
    }
    current = null;
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "";
    if (card && !card.hidden && !card.contains(event.target) && !previewable(event.target)) hide();
  }, true);

  document.addEventListener("mouseover", function (event) {
    if (lastPointer === "touch") return;
    var link = previewable(event.target);
    if (!link) return;
    if (link === current) { clearTimeout(hideTimer); return; }
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
  });

  document.addEventListener("mouseout", function (event) {
    var link = previewable(event.target);
    if (!link) return;
    var to = event.relatedTarget;
    if (to && (link.contains(to) || (card && card.contains(to)))) return;
    if (link === current) scheduleHide();
    else clearTimeout(showTimer);
  });

  document.addEventListener("focusin", function (event) {
    if (lastPointer === "touch") return; // a tap focuses the link too; the click decides
    var link = previewable(event.target);
    if (link) show(link);
  });

  document.addEventListener("focusout", function (event) {
    if (previewable(event.target) === current) hide();
  });

  document.addEventListener("click", function (event) {
    if (lastPointer !== "touch") return;
    var link = previewable(event.target);
    if (!link || link === current) return; // a second tap follows the link
    event.preventDefault();
    show(link);
  });

  document.addEventListener("keydown", function (event) {
    lastPointer = "";
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (card && !card.hidden) hide();
    // Glossary tooltips are shown by CSS on hover and focus; Escape hides the open ones until
    // the pointer or focus leaves their term.
    var open = document.querySelectorAll(".gloss:hover .gloss-tip, .gloss:focus-within .gloss-tip");
    for (var i = 0; i < open.length; i++) open[i].classList.add("is-dismissed");
  });

  function undismiss(event) {
    var gloss = event.target.closest && event.target.closest(".gloss");
    var tip = gloss && gloss.querySelector(".gloss-tip.is-dismissed");
    if (tip && !(event.relatedTarget && gloss.contains(event.relatedTarget))) tip.classList.remove("is-dismissed");
  }
  document.addEventListener("mouseout", undismiss);
  document.addEventListener("focusout", undismiss);

  window.addEventListener("resize", function () { if (current) place(current); });
})();
