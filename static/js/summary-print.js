/* The printable summary's "In / Lưu PDF" button (templates/reports/summary_print.html): the
 * browser's print dialog, whose "Save as PDF" destination makes the PDF. Hidden without script. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
