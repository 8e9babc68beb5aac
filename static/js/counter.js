/* The counting beacon of public pages (portal/news/views.py, `count`).
 *
 * A page may come from a cache, where nothing counts it and any count it shows is as old as
 * the page: once shown, it posts to its beacon, which counts the view and the visitor and
 * answers with the counts of now, put in the visitors box of the footer and in the article's
 * view count. Without JavaScript the footer's <noscript> image counts the page instead.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-count-url]");
  if (!box || !window.fetch) {
    return;
  }
  var number = new Intl.NumberFormat("vi-VN");

  function fill(data) {
    var visitors = data.visitors || {};
    Object.keys(visitors).forEach(function (name) {
      var cell = box.querySelector('[data-visitors="' + name + '"]');
      if (cell) {
        cell.textContent = number.format(visitors[name]);
      }
    });
    box.hidden = false;
    if (typeof data.views === "number") {
      document.querySelectorAll("[data-views]").forEach(function (cell) {
        cell.textContent = number.format(data.views);
      });
    }
  }

  fetch(box.getAttribute("data-count-url"), {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (data) {
      if (data) {
        fill(data);
      }
    })
    .catch(function () {
      /* Counting is best effort: a reader never sees an error for it. */
    });
})();
