/* The progress bar of a summary job (admin, SummaryAdmin.job_view).
 *
 * While the job is queued or running, asks its JSON endpoint every second how far it has got
 * and shows it: the bar, the percent and the stage. Once done, the downloads appear; if it
 * failed, the error and the "Thử lại" button. A failed request is simply asked again.
 */
(function () {
  "use strict";
  var box = document.getElementById("summary-job");
  if (!box || !window.fetch) {
    return;
  }
  var bar = box.querySelector("progress");
  var percent = box.querySelector("[data-percent]");
  var stage = box.querySelector("[data-stage]");
  var done = box.querySelector("[data-done]");
  var failed = box.querySelector("[data-failed]");
  var INTERVAL = 1000;

  function show(state) {
    var value = Math.max(0, Math.min(100, Number(state.percent) || 0));
    bar.value = value;
    bar.textContent = value + "%";
    percent.textContent = value + "%";
    if (state.stage) {
      stage.textContent = state.stage;
    }
    box.setAttribute("data-status", state.status);
    if (state.status === "done") {
      if (state.workbook_url) {
        box.querySelector("[data-workbook]").href = state.workbook_url;
      }
      if (state.print_url) {
        box.querySelector("[data-print]").href = state.print_url;
      }
      done.hidden = false;
      return false;
    }
    if (state.status === "failed") {
      box.querySelector("[data-error]").textContent = state.error || "";
      failed.hidden = false;
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
