/*
 * CKEditor 5 under the portal's Content-Security-Policy (style-src 'self', no 'unsafe-inline').
 *
 * The editor lays out some of what it draws (an image's aspect ratio while it loads, the bar
 * of an upload in progress) by writing a `style` attribute with setAttribute(), which the
 * policy refuses as an inline style. The same declarations given through the CSSOM
 * (element.style.cssText) are allowed: they come from a script the policy already trusts,
 * and markup injected into the page still cannot carry a style attribute. This file, loaded
 * before the editor on the pages that show it (portal/news/forms.py), turns the one into the
 * other, so the policy needs no 'unsafe-inline' for styles.
 */
(function () {
  "use strict";
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (typeof name === "string" && name.toLowerCase() === "style" && this.style) {
      this.style.cssText = String(value);
      return;
    }
    return setAttribute.call(this, name, value);
  };
})();
