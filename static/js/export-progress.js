/* The progress bar of a spreadsheet export job (admin/exchange/exportjob/job.html).
 *
 * While the job is queued or running, asks its JSON endpoint every second how many rows are
 * written and moves the bar. Once done, the download link appears; if it failed, the error.
 * A failed request is simply asked again.
 */
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box || !window.fetch) {
    return;
  }
  var bar = box.querySelector("progress");
  var percent = box.querySelector("[data-percent]");
  var rows = box.querySelector("[role=status]");
  var rowsTemplate = box.querySelector("[data-rows-template]").textContent;
  var INTERVAL = 1000;

  function show(state) {
    var value = Math.max(0, Math.min(100, Number(state.percent) || 0));
    bar.value = value;
    bar.textContent = value + "%";
    percent.textContent = value + "%";
    if (state.status !== "queued") {
      rows.textContent = rowsTemplate
        .replace("__done__", String(state.done || 0))
        .replace("__total__", String(state.total || 0));
    }
    box.setAttribute("data-status", state.status);
    if (state.status === "done") {
      if (state.download_url) {
        box.querySelector("[data-download]").href = state.download_url;
      }
      box.querySelector("[data-done]").hidden = false;
      return false;
    }
    if (state.status === "failed") {
      box.querySelector("[data-error]").textContent = state.error || "";
      box.querySelector("[data-failed]").hidden = false;
      return false;
    }
    return true;
  }

  function poll() {
    fetch(box.getAttribute("data-progress-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      cache: "no-store",
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (!state || show(state)) {
          window.setTimeout(poll, INTERVAL);
        }
      })
      .catch(function () {
        window.setTimeout(poll, INTERVAL);
      });
  }

  var status = box.getAttribute("data-status");
  if (status !== "done" && status !== "failed") {
    window.setTimeout(poll, INTERVAL);
  }
})();
