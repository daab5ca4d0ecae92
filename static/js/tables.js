/* Wide tables scroll inside their own labelled region, so the page itself never scrolls
   sideways on a phone (WCAG 1.4.10). A table the template already wrapped is left alone.
   The region is a tab stop only while it actually scrolls, so a keyboard user can scroll it. */
(function () {
  "use strict";

  function labelFor(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var node = table;
    while (node && node !== document.body) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) {
          return sibling.textContent.trim();
        }
        var inner = sibling.querySelectorAll ? sibling.querySelectorAll("h1,h2,h3,h4,h5,h6") : [];
        if (inner.length) {
          return inner[inner.length - 1].textContent.trim();
        }
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.title;
  }

  function updateFocusable(region) {
    if (region.scrollWidth > region.clientWidth + 1) {
      region.setAttribute("tabindex", "0");
    } else if (region.dataset.alwaysFocusable !== "true") {
      region.removeAttribute("tabindex");
    }
  }

  function wrap() {
    var regions = [];
    document.querySelectorAll("main table").forEach(function (table) {
      var parent = table.parentElement;
      if (parent.classList.contains("table-scroll")) {
        regions.push(parent);
        return;
      }
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", labelFor(table));
      parent.insertBefore(region, table);
      region.appendChild(table);
      regions.push(region);
    });
    regions.forEach(function (region) {
      if (region.getAttribute("tabindex") === "0") {
        region.dataset.alwaysFocusable = "true";
      }
      updateFocusable(region);
    });
    window.addEventListener("resize", function () {
      regions.forEach(updateFocusable);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wrap);
  } else {
    wrap();
  }
})();
