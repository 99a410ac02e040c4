/* Hand-written. Citations you can check without leaving the page, and small-screen tables.
 *
 * - A citation link (a.bp-cite, made by Renderer.cite_link with data-quote, data-source, data-outlet,
 *   data-date) shows a popover with the quoted words and the source's name and date: on hover, on
 *   keyboard focus, and on tap (the first tap opens the popover, a second tap follows the link).
 * - The link carries the quote to the source page as ?quote=… (not ?q=: Material's search reads that);
 *   there the quoted words are marked inside the paragraph (#pN) instead of the whole paragraph.
 * - For print, each citation gets data-address: its public address (resolved against the page's
 *   canonical URL), which the print style writes out after the link.
 * - Tables with four or more columns get a data-label on each cell, so the stylesheet can stack them
 *   on a phone instead of scrolling them sideways.
 *
 * Everything read from the page is set as text (textContent), never as markup. No network, no library.
 */
(function () {
  "use strict";

  var POPOVER_ID = "bp-cite-popover";
  var popover = null;
  var openFor = null;
  var tapped = null;  // the citation whose popover a tap opened: the next tap on it follows the link
  var hideTimer = null;
  var lastPointer = "mouse";

  function canonicalBase() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : window.location.href;
  }

  function makePopover() {
    var box = document.createElement("div");
    box.id = POPOVER_ID;
    box.className = "bp-popover";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", function () { scheduleHide(); });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget) && event.relatedTarget !== openFor) { hide(); }
    });
    document.body.appendChild(box);
    return box;
  }

  function line(className, text) {
    var el = document.createElement("span");
    el.className = className;
    el.textContent = text;
    return el;
  }

  function fill(link) {
    var box = popover || (popover = makePopover());
    box.textContent = "";
    var quote = document.createElement("blockquote");
    quote.className = "bp-popover__quote";
    quote.textContent = "\u201c" + (link.dataset.quote || "") + "\u201d";
    box.appendChild(quote);
    var meta = document.createElement("p");
    meta.className = "bp-popover__meta";
    if (link.dataset.outlet) { meta.appendChild(line("bp-popover__outlet", link.dataset.outlet)); }
    if (link.dataset.source) { meta.appendChild(line("bp-popover__title", link.dataset.source)); }
    meta.appendChild(line("bp-popover__date", link.dataset.date || "date not stated"));
    box.appendChild(meta);
    var open = document.createElement("a");
    open.className = "bp-popover__open";
    open.href = link.href;
    open.textContent = "Open the paragraph (" + (link.dataset.paragraph || "source") + ")";
    box.appendChild(open);
    return box;
  }

  function place(link, box) {
    var rect = link.getBoundingClientRect();
    var margin = 8;
    box.style.left = "0px";
    box.style.top = "0px";
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.min(Math.max(rect.left, margin), Math.max(margin, viewport - width - margin));
    var below = rect.bottom + 6;
    var top = below + height > window.innerHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below;
    box.style.left = Math.round(left + window.scrollX) + "px";
    box.style.top = Math.round(top + window.scrollY) + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (openFor && openFor !== link) { openFor.removeAttribute("aria-describedby"); }
    var box = fill(link);
    box.hidden = false;
    place(link, box);
    link.setAttribute("aria-describedby", POPOVER_ID);
    openFor = link;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (popover) { popover.hidden = true; }
    if (openFor) { openFor.removeAttribute("aria-describedby"); }
    openFor = null;
    tapped = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function citationOf(target) {
    return target && target.closest ? target.closest("a.bp-cite[data-quote]") : null;
  }

  function enhanceCitation(link) {
    if (link.dataset.bpReady) { return; }
    link.dataset.bpReady = "1";
    var address = new URL(link.getAttribute("href"), canonicalBase());
    link.dataset.address = address.href;
    // The popover replaces the native tooltip (which shows only the title, and never on a phone).
    if (link.title) { link.dataset.source = link.dataset.source || link.title; link.removeAttribute("title"); }
    var target = new URL(link.getAttribute("href"), window.location.href);
    target.searchParams.set("quote", link.dataset.quote || "");
    link.setAttribute("href", target.pathname + target.search + target.hash);
  }

  function listen() {
    document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType || "mouse"; }, true);
    document.addEventListener("touchstart", function () { lastPointer = "touch"; }, { capture: true, passive: true });
    document.addEventListener("mouseover", function (event) {
      var link = citationOf(event.target);
      if (link && lastPointer === "mouse") { show(link); }
    });
    document.addEventListener("mouseout", function (event) {
      var link = citationOf(event.target);
      if (link && link === openFor && !(popover && popover.contains(event.relatedTarget))) { scheduleHide(); }
    });
    document.addEventListener("focusin", function (event) {
      var link = citationOf(event.target);
      if (link) { show(link); }
    });
    document.addEventListener("focusout", function (event) {
      var link = citationOf(event.target);
      if (link && link === openFor && !(popover && popover.contains(event.relatedTarget))) { hide(); }
    });
    document.addEventListener("click", function (event) {
      var link = citationOf(event.target);
      if (link) {
        // A tap shows the popover first; a second tap on the same citation follows it.
        if ((lastPointer === "touch" || lastPointer === "pen") && tapped !== link) {
          event.preventDefault();
          show(link);
          tapped = link;
        }
        return;
      }
      if (openFor && !(popover && popover.contains(event.target))) { hide(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && openFor) { hide(); }
    });
    window.addEventListener("resize", function () { if (openFor) { place(openFor, popover); } });
  }

  /* -- arriving at a source page with ?quote= -------------------------------------------------------- */

  var FOLD = { "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-" };

  /* The text folded the way the build matches quotes (curly quotes, dashes, white space), with the
     index in the original text of every folded character. */
  function folded(text) {
    var out = "";
    var index = [];
    var space = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (/\s/.test(ch)) {
        if (!space && out.length) { out += " "; index.push(i); }
        space = true;
        continue;
      }
      space = false;
      out += (FOLD[ch] || ch).toLowerCase();
      index.push(i);
    }
    return { text: out.replace(/ $/, ""), index: index };
  }

  function textNodes(root) {
    var nodes = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(".bp-para__anchor") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    return nodes;
  }

  function markQuote(paragraph, quote) {
    var nodes = textNodes(paragraph);
    var whole = "";
    var starts = [];
    nodes.forEach(function (node) { starts.push(whole.length); whole += node.data; });
    var hay = folded(whole);
    var needle = folded(quote).text.trim();
    var at = needle ? hay.text.indexOf(needle) : -1;
    if (at < 0) { return null; }
    var from = hay.index[at];
    var to = hay.index[at + needle.length - 1] + 1;
    var first = null;
    nodes.forEach(function (node, n) {
      var start = Math.max(from, starts[n]);
      var end = Math.min(to, starts[n] + node.data.length);
      if (start >= end) { return; }
      var range = document.createRange();
      range.setStart(node, start - starts[n]);
      range.setEnd(node, end - starts[n]);
      var mark = document.createElement("mark");
      mark.className = "bp-quote";
      range.surroundContents(mark);
      first = first || mark;
    });
    return first;
  }

  function highlightArrival() {
    var quote = new URLSearchParams(window.location.search).get("quote");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!quote || !id) { return; }
    var paragraph = document.getElementById(id);
    if (!paragraph || !paragraph.classList.contains("bp-para")) { return; }
    var mark = markQuote(paragraph, quote);
    if (mark) {
      paragraph.classList.add("bp-para--quoted");
      mark.scrollIntoView({ block: "center" });
    }
  }

  /* -- tables ------------------------------------------------------------------------------------ */

  function labelTables(root) {
    root.querySelectorAll(".md-typeset table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (heads.length < 4 || table.classList.contains("bp-stack")) { return; }
      table.classList.add("bp-stack");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i]) { cell.setAttribute("data-label", heads[i]); }
        });
      });
    });
  }

  var listening = false;

  function init() {
    document.querySelectorAll("a.bp-cite[data-quote]").forEach(enhanceCitation);
    labelTables(document);
    highlightArrival();
    if (!listening) { listen(); listening = true; }
  }

  // Material re-renders the content on instant navigation and announces it on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { hide(); init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
